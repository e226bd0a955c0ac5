using System.ComponentModel.DataAnnotations;

namespace Flux2.Agents;

/// <summary>Marks a parameter as a size (preset name or WIDTHxHEIGHT), so tool schemas carry the pattern.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2SizePatternAttribute() : RegularExpressionAttribute(Pattern)
{
    /// <summary>The pattern: a preset name or WIDTHxHEIGHT.</summary>
    public new const string Pattern =
        "^(square_hd|square|portrait_4_3|portrait_16_9|portrait_9_16|landscape_4_3|landscape_16_9|[0-9]{2,4}[xX][0-9]{2,4})$";
}
