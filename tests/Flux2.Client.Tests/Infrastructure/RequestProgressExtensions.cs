namespace Flux2.Client.Tests;

/// <summary>Puts a progress sink on a request, where progress travels.</summary>
internal static class RequestProgressExtensions
{
    public static Flux2ImageRequest WithProgress(this Flux2ImageRequest request, IProgress<Flux2Progress> progress)
    {
        request.Progress = progress;
        return request;
    }
}
