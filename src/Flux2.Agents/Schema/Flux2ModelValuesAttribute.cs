using System.ComponentModel.DataAnnotations;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>Marks a parameter as a FLUX.2 model name, so tool schemas list the allowed values as an enum.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2ModelValuesAttribute()
    : AllowedValuesAttribute(Flux2Models.Pro, Flux2Models.Max, Flux2Models.Flex, Flux2Models.Dev, Flux2Models.Klein4B, Flux2Models.Klein9B, Flux2Models.Flash, null);
