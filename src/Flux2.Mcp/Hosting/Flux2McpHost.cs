using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>Builds and runs the server: stdio by default, streamable HTTP at /mcp with <c>--http</c>.</summary>
public static class Flux2McpHost
{
    /// <summary>The HTTP endpoint path.</summary>
    public const string HttpPath = "/mcp";

    private const string Usage = """
        flux2-mcp: MCP server for FLUX.2 image generation (tools generate_image, download_image).

        Usage: flux2-mcp [--http] [--urls URL[;URL...]] [--Flux2:Section:Key=value ...]

          (no option)  serve MCP over stdio (what MCP clients launch)
          --http       serve streamable HTTP at /mcp on http://127.0.0.1:5180 (loopback only)
          --urls       where --http listens; a non-loopback address requires FLUX2_MCP_TOKEN or OAuth
                       (Flux2:Mcp:Auth:Authority and :Audience)

        HTTP settings: Flux2:Mcp:SessionMode=Stateless (any replica answers any request; default
        StatefulForInitializeClients), /healthz (liveness) and /readyz (readiness) for load balancers.

        Keys: FAL_KEY, BFL_API_KEY, REPLICATE_API_TOKEN, TOGETHER_API_KEY, AIML_API_KEY, SEGMIND_API_KEY
        (none: the built-in simulator answers, and results say simulated). Output folder: FLUX2_OUTPUT_DIR.
        """;

    /// <summary>Runs the server until stdin closes (stdio) or the process is stopped (HTTP); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Flux2McpStartupTrace.Mark("main");
        bool http = args.Contains("--http", StringComparer.OrdinalIgnoreCase);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        string[] rest = [.. args.Where(a => !a.Equals("--http", StringComparison.OrdinalIgnoreCase) && !a.Equals("--stdio", StringComparison.OrdinalIgnoreCase))];
        try
        {
            if (http)
            {
                var app = BuildHttp(rest);
                await using (app.ConfigureAwait(false))
                {
                    await app.RunAsync().ConfigureAwait(false);
                }
            }
            else
            {
                // Start-up work that can overlap: the protocol's JSON contracts on a spare core while the host is built.
                Flux2McpProtocolWarmUp.Start();
                using var host = BuildStdio(rest);
                Flux2McpStartupTrace.Mark("host built");
                await host.RunAsync().ConfigureAwait(false);
            }

            return 0;
        }
        catch (Flux2McpStartupException ex)
        {
            await Console.Error.WriteLineAsync("flux2-mcp: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Builds the stdio server (stdout carries only protocol; logs go to stderr).</summary>
    public static IHost BuildStdio(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // The configuration of Host.CreateApplicationBuilder (appsettings.json and appsettings.{environment}.json beside the
        // executable, environment variables, command line) without what a stdio server does not need and pays for at start-up:
        // file watching for reload, user secrets, the default logging providers.
        string environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } named ? named : Environments.Production;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environment,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);

        // stdio: the client started this process on its own machine, so the files are the user's (unless Flux2:Mcp:RemoteClients says not).
        bool remote = Flux2McpRemoteDefaults.Resolve(builder.Configuration, exposed: false);
        Flux2McpRemoteDefaults.Apply(builder.Configuration, remote);
        Flux2McpStartupTrace.Mark("builder created");
        ConfigureLogging(builder.Logging, builder.Configuration.GetSection("Logging"));

        // Exit promptly when stdin closes: SDK clients kill a server that lingers past 2 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(500));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        var server = AddServer(builder.Services, builder.Configuration, remote).WithStdioServerTransport();
        if (Flux2McpStartupTrace.Enabled)
        {
            server.WithMessageFilters(filters => filters
                .AddIncomingFilter(next => (context, cancellationToken) =>
                {
                    Flux2McpStartupTrace.Mark("incoming " + context.JsonRpcMessage.GetType().Name);
                    return next(context, cancellationToken);
                })
                .AddOutgoingFilter(next => (context, cancellationToken) =>
                {
                    Flux2McpStartupTrace.Mark("outgoing " + context.JsonRpcMessage.GetType().Name);
                    return next(context, cancellationToken);
                }));
        }

        configureServices?.Invoke(builder.Services);
        Flux2McpStartupTrace.Mark("services added");
        return builder.Build();
    }

    /// <summary>Builds the HTTP server; refuses (with <see cref="Flux2McpStartupException"/>) a non-loopback binding without a token.</summary>
    public static WebApplication BuildHttp(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder.Logging, builder.Configuration.GetSection("Logging"));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        string urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : Flux2McpOptions.DefaultUrls;
        var hosts = Flux2McpAddresses.Hosts(urls);
        var exposed = hosts.Where(h => !Flux2McpAddresses.IsLoopback(h)).ToList();

        // Users of a server on a non-loopback address are on other machines: its disk is not theirs (see Flux2McpRemoteDefaults).
        bool remote = Flux2McpRemoteDefaults.Resolve(builder.Configuration, exposed.Count > 0);
        Flux2McpRemoteDefaults.Apply(builder.Configuration, remote);
        var options = ReadOptions(builder.Configuration);
        if (exposed.Count > 0 && string.IsNullOrEmpty(options.Token) && !options.Auth.Enabled)
        {
            throw new Flux2McpStartupException(
                $"refusing to listen on {urls} (not loopback) without authentication: set FLUX2_MCP_TOKEN to a long random secret "
                + "or Flux2:Mcp:Auth:Authority and :Audience (OAuth), or listen on http://127.0.0.1:PORT.");
        }

        builder.WebHost.UseUrls(urls);
        AddServer(builder.Services, builder.Configuration, remote).WithHttpTransport(http =>
        {
            // Default (StatefulForInitializeClients): sessions let notifications/cancelled reach a running call, and clients of the
            // 2026 revision are served statelessly. Stateless: any replica behind a load balancer answers any request.
            http.SessionMode = options.SessionMode;
        });
        Flux2McpHealthEndpoints.AddChecks(builder.Services);

        // Who is calling (jobs, tasks and images belong to the caller): the bearer token of the request being served.
        builder.Services.AddHttpContextAccessor();
        if (options.Auth.Enabled)
        {
            Flux2McpAuthentication.Add(builder.Services, options.Auth);
        }

        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        var guard = new Flux2McpHttpGuard(options, exposed.Where(h => h is not ("*" or "+" or "0.0.0.0" or "[::]")),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Flux2.Mcp.Http"));
        app.Use(guard.InvokeAsync);
        var mcp = app.MapMcp(HttpPath);
        if (options.Auth.Enabled)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            mcp.RequireAuthorization(Flux2McpAuthentication.PolicyName);
        }

        Flux2McpHealthEndpoints.Map(app);
        return app;
    }

    private static IMcpServerBuilder AddServer(IServiceCollection services, IConfiguration configuration, bool remote)
    {
        services.AddFlux2Tools(configuration);
        AddSharedState(services, configuration);

        // With no provider key, the built-in simulator answers (started lazily on first use; results say simulated).
        services.AddFlux2OfflineSimulator();
        var options = ReadOptions(configuration);
        options.RemoteClients = remote;
        services.AddSingleton<IOptions<Flux2McpOptions>>(Options.Create(options));
        services.AddSingleton<Flux2McpResultRenderer>();
        services.AddSingleton<Flux2McpWarmUp>();
        return services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation
                {
                    Name = "flux2-mcp",
                    Title = "FLUX.2 images",
                    Version = typeof(Flux2McpHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                    Icons = Flux2McpIcons.Server,
                };
                server.ServerInstructions = remote
                    ? "generate_image makes images with FLUX.2 and keeps each as flux2://images/{id} (resources/read gives its bytes); pass an id "
                        + "from a result as a reference image to edit it. This server is remote: files it saves are on its disk, not the user's, so "
                        + "download_image hands an image (a URL or flux2://images/{id}) back in its result. flux2://models lists models and limits."
                    : "generate_image makes images with FLUX.2 and saves them; pass an id from a result as a reference image to edit it. "
                        + "download_image saves a URL or flux2://images/{id} into the output folder. flux2://models lists models and limits.";
            })
            .WithFlux2Tools()
            .WithLazyResources<Flux2McpResources>()
            .WithFlux2Jobs(options)
            .WithGallery(options)
            .WithMessageFilters(filters => filters.AddOutgoingFilter(next => async (context, cancellationToken) =>
            {
                await next(context, cancellationToken).ConfigureAwait(false);

                // Once the first message (the initialize result) is out, build the tools and resources for the tools/list to come.
                context.Services?.GetService<Flux2McpWarmUp>()?.Start();
            }));
    }

    /// <summary>With Flux2:Store:Redis set, images and provider limits are shared with every replica through Redis.</summary>
    private static void AddSharedState(IServiceCollection services, IConfiguration configuration)
    {
        try
        {
            services.AddFlux2Redis(configuration);
        }
        catch (Flux2.Client.Flux2Exception ex)
        {
            throw new Flux2McpStartupException(ex.Message, ex);
        }
    }

    private static Flux2McpOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(Flux2McpOptions.SectionName);
        if (section["SessionMode"] is { Length: > 0 } mode && !Enum.GetNames<HttpServerSessionMode>().Contains(mode.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw new Flux2McpStartupException(
                $"Flux2:Mcp:SessionMode '{mode}' is not allowed; allowed: {string.Join(", ", Enum.GetNames<HttpServerSessionMode>())} "
                + $"(default {nameof(HttpServerSessionMode.StatefulForInitializeClients)}).");
        }

        if (section["Auth:Authority"] is { Length: > 0 } authority && !Uri.TryCreate(authority, UriKind.Absolute, out _))
        {
            throw new Flux2McpStartupException($"Flux2:Mcp:Auth:Authority '{authority}' is not an absolute URL (e.g. https://login.example.com/realms/mcp).");
        }

        var options = new Flux2McpOptions();
        configuration.GetSection(Flux2McpOptions.SectionName).Bind(options);
        if (options.MaxWaitSeconds is < 0 or > 3600 || double.IsNaN(options.MaxWaitSeconds))
        {
            throw new Flux2McpStartupException(
                $"Flux2:Mcp:MaxWaitSeconds is {options.MaxWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; allowed: 0 to 3600 seconds "
                + "(default 45; 0 returns a job handle at once).");
        }

        if (options.TaskPollIntervalMs is < 100 or > 60000)
        {
            throw new Flux2McpStartupException(
                $"Flux2:Mcp:TaskPollIntervalMs is {options.TaskPollIntervalMs}; allowed: 100 to 60000 milliseconds (default 2000).");
        }
        if (string.IsNullOrEmpty(options.Token) && configuration["FLUX2_MCP_TOKEN"] is { Length: > 0 } token)
        {
            options.Token = token;
        }

        return options;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, IConfigurationSection section)
    {
        logging.ClearProviders();

        // Quiet by default: the per-request chatter of the SDK, HttpClient and Polly only when the Logging section asks for it
        // (rules from configuration are added later, so they win).
        foreach (string category in new[] { "Microsoft", "ModelContextProtocol", "System.Net.Http", "Polly" })
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        logging.AddConfiguration(section);

        // stderr only: stdout carries the protocol.
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
