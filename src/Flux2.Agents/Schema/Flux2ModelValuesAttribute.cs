using System.ComponentModel.DataAnnotations;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>Marks a parameter as a model name (FLUX.2 and FLUX 3 families), so tool schemas list the allowed values as an enum.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2ModelValuesAttribute()
    : AllowedValuesAttribute(Flux2Models.Pro, Flux2Models.Max, Flux2Models.Flex, Flux2Models.Dev, Flux2Models.Klein4B, Flux2Models.Klein9B, Flux2Models.Flash,
        Flux2Models.Flux3Image, Flux2Models.Flux3ImageKlein, Flux2Models.Flux31Image, null);
