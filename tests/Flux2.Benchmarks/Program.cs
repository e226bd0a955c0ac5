using Flux2.Benchmarks;

// dotnet run -c Release --project tests/Flux2.Benchmarks -- <name>|all [--rounds N] [--quick]
return await BenchmarkRunner.RunAsync(args).ConfigureAwait(false);
