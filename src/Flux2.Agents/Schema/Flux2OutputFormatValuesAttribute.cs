using System.ComponentModel.DataAnnotations;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>Marks a parameter as an output format name, so tool schemas list the allowed values as an enum.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2OutputFormatValuesAttribute()
    : AllowedValuesAttribute(Flux2OutputFormats.Png, Flux2OutputFormats.Jpeg, Flux2OutputFormats.Webp, null);
