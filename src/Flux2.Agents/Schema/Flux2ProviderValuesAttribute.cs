using System.ComponentModel.DataAnnotations;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>Marks a parameter as a provider name, so tool schemas list the allowed values as an enum.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2ProviderValuesAttribute()
    : AllowedValuesAttribute(Flux2Providers.Fal, Flux2Providers.Bfl, Flux2Providers.Replicate, Flux2Providers.Together, Flux2Providers.AimlApi, Flux2Providers.Segmind, Flux2Providers.OpenAI, null);
