using System.Diagnostics;
using Flux2.Simulator.Hosting;

namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal's sync host (https://fal.run): <c>POST /fal/{app_id}</c> answers with the model output.</summary>
internal sealed class FalSyncDialect : FalDialectBase
{
    public FalSyncDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "fal";

    /// <summary>Handles <c>POST /fal/{app_id...}</c>.</summary>
    public async Task RunAsync(HttpContext context)
    {
        var appId = context.Request.Path.Value!["/fal/".Length..].Trim('/');
        if (await AdmitAsync(context, "sync", appId).ConfigureAwait(false) is not var (_, scope, spec, syncMode))
        {
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var failure = scope.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated or SimulatorFaultKind.JobFailed;
            var render = failure ? null : Engine.GenerateAsync(spec);
            if (!await DelayAsync(context, scope.Latency).ConfigureAwait(false))
            {
                return;
            }

            if (render is null)
            {
                await WriteFalErrorAsync(context, scope.Outcome!.Value, null, spec.Prompt).ConfigureAwait(false);
                return;
            }

            var images = await render.ConfigureAwait(false);
            var output = FalModels.Output(appId, spec, images, syncMode, FalModels.Seconds(Stopwatch.GetElapsedTime(started)));
            await WriteJsonAsync(context, 200, output, SimulatorJsonContext.Default.FalOutput, scope.Malformed).ConfigureAwait(false);
        }
        finally
        {
            Engine.Gate.Release(scope.ApiKey);
        }
    }
}
