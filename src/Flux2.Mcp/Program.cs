return await Flux2.Mcp.Flux2McpHost.RunAsync(args).ConfigureAwait(false);
