using System.ComponentModel.DataAnnotations;
using Flux2.Client;

namespace Flux2.Agents;

/// <summary>Marks a parameter as a FLUX 3.1 mode, so tool schemas list the allowed values as an enum.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class Flux2ModeValuesAttribute()
    : AllowedValuesAttribute(Flux2Modes.Fast, Flux2Modes.Quality, null);
