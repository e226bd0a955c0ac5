using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flux2.Client.Tests.Downloads;

/// <summary>A small Kestrel server on 127.0.0.1 serving images, error pages, large and slow bodies and redirects.</summary>
internal sealed class DownloadTestServer : IAsyncDisposable
{
    private static readonly byte[] s_zeros = new byte[64 * 1024];
    private readonly WebApplication _app;

    private DownloadTestServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:{port}/.</summary>
    public Uri BaseUri { get; }

    /// <summary>Requests received, by path.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The User-Agent header of every request, in order.</summary>
    public ConcurrentQueue<string> UserAgents { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public static async Task<DownloadTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        DownloadTestServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            server.UserAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
            await next(context);
        });

        app.MapGet("/png", () => Results.Bytes(TestImages.Png, "image/png"));
        app.MapGet("/jpeg", () => Results.Bytes(TestImages.Jpeg, "image/jpeg"));
        app.MapGet("/webp", () => Results.Bytes(TestImages.WebpLossy, "image/webp"));
        app.MapGet("/mislabelled", () => Results.Bytes(TestImages.Jpeg, "application/octet-stream"));
        app.MapGet("/html", () => Results.Text("<!DOCTYPE html><html><body>Access denied</body></html>", "text/html"));
        app.MapGet("/json", () => Results.Text("{\"error\":\"not found\"}", "application/json"));
        app.MapGet("/expired", () => Results.NotFound());
        app.MapGet("/gone", () => Results.StatusCode(410));
        app.MapGet("/signature-expired", () => Results.Text(
            "<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code><Message>Signature not valid in the specified time frame</Message></Error>",
            "application/xml", statusCode: 403));
        app.MapGet("/forbidden", () => Results.Text("no", "text/plain", statusCode: 403));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/loop", () => Results.Redirect("/loop"));

        // A PNG header then `bytes` zero bytes, announced with Content-Length (or not), written in 64 KiB chunks.
        app.MapGet("/stream", async (HttpContext context, long bytes, bool announce) =>
        {
            var head = TestImages.PngHeader(TestImages.Width, TestImages.Height);
            context.Response.ContentType = "image/png";
            if (announce)
            {
                context.Response.ContentLength = head.Length + bytes;
            }

            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            for (long sent = 0; sent < bytes;)
            {
                var chunk = (int)Math.Min(s_zeros.Length, bytes - sent);
                await context.Response.Body.WriteAsync(s_zeros.AsMemory(0, chunk), context.RequestAborted);
                sent += chunk;
            }
        });

        // The first bytes of a PNG, then nothing for a long time.
        app.MapGet("/slow", async (HttpContext context) =>
        {
            context.Response.ContentType = "image/png";
            context.Response.ContentLength = 100_000;
            await context.Response.Body.WriteAsync(TestImages.PngHeader(TestImages.Width, TestImages.Height), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });

        // The first bytes of a PNG, then the connection drops.
        app.MapGet("/drop", async (HttpContext context) =>
        {
            context.Response.ContentType = "image/png";
            context.Response.ContentLength = 100_000;
            await context.Response.Body.WriteAsync(TestImages.PngHeader(TestImages.Width, TestImages.Height, padding: 1000), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new DownloadTestServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
