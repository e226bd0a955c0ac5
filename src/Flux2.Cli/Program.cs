using System.Runtime.InteropServices;
using Flux2.Cli;

// The first Ctrl+C (or SIGTERM) cancels the running command, which cancels the provider job; a second Ctrl+C ends the process at once.
using var cancellation = new CancellationTokenSource();
int interrupts = 0;
Console.CancelKeyPress += (_, e) =>
{
    if (Interlocked.Increment(ref interrupts) == 1)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var runtime = new CliRuntime
{
    Out = Console.Out,
    Error = Console.Error,
    Interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb",
};
return await Flux2Cli.RunAsync(args, runtime, cancellation.Token).ConfigureAwait(false);
