using System.ComponentModel.DataAnnotations;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>Marks a parameter as a resolution tier, so tool schemas list the allowed values as an enum.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2ResolutionValuesAttribute()
    : AllowedValuesAttribute(Flux2Resolutions.R768Square, Flux2Resolutions.R1K, Flux2Resolutions.R1Point5K, Flux2Resolutions.R2K, Flux2Resolutions.R4K, null);
