using System.Text.Json;
using Flux2.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Flux2.Agents;

/// <summary>
/// One of the tools (<c>generate_image</c>, <c>download_image</c>) as a Microsoft.Extensions.AI <see cref="AIFunction"/>: the single
/// definition every face uses (the MCP server, the Semantic Kernel plugin, Agent Framework agents, any <c>IChatClient</c>).
/// Invoked, it returns the result as JSON; a failure is returned as the <see cref="Flux2ToolError"/> JSON (a result the model can
/// read and act on), never thrown, except a cancellation. Progress reaches an <see cref="IProgress{T}"/> of <see cref="Flux2Progress"/>
/// put in the arguments with <see cref="SetProgress"/> (or offered by <see cref="AIFunctionArguments.Services"/>).
/// </summary>
public sealed class Flux2ToolFunction : AIFunction
{
    private static readonly object ProgressKey = typeof(IProgress<Flux2Progress>);
    private readonly Func<AIFunctionArguments, IProgress<Flux2Progress>?, CancellationToken, Task<object>> _invoke;
    private readonly ILogger _logger;
    private readonly Func<AIFunctionArguments, CancellationToken, Task<Flux2CostEstimate?>>? _estimate;

    internal Flux2ToolFunction(
        string name,
        string description,
        JsonElement inputSchema,
        JsonElement outputSchema,
        Func<AIFunctionArguments, IProgress<Flux2Progress>?, CancellationToken, Task<object>> invoke,
        ILogger logger,
        Func<AIFunctionArguments, CancellationToken, Task<Flux2CostEstimate?>>? estimate = null)
    {
        Name = name;
        Description = description;
        JsonSchema = inputSchema;
        ReturnJsonSchema = outputSchema;
        _invoke = invoke;
        _logger = logger;
        _estimate = estimate;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema { get; }

    /// <inheritdoc />
    public override JsonElement? ReturnJsonSchema { get; }

    /// <inheritdoc />
    public override JsonSerializerOptions JsonSerializerOptions => Flux2AgentsJsonContext.Default.Options;

    /// <summary>Puts a progress sink in a call's arguments; the tool reports queue position, running, retries and completion to it.</summary>
    public static void SetProgress(AIFunctionArguments arguments, IProgress<Flux2Progress> progress)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(progress);
        (arguments.Context ??= new Dictionary<object, object?>())[ProgressKey] = progress;
    }

    /// <summary>
    /// What this call would make and cost, worked out without sending anything (for asking a person before a paid call); null for a
    /// tool that spends nothing or a caller that cannot tell.
    /// </summary>
    /// <exception cref="Flux2Exception">Invalid arguments, or a request the provider cannot serve.</exception>
    public Task<Flux2CostEstimate?> EstimateAsync(AIFunctionArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return _estimate is null ? Task.FromResult<Flux2CostEstimate?>(null) : _estimate(arguments, cancellationToken);
    }

    /// <summary>Runs the tool and returns its typed outcome (for faces that render results in their own idiom).</summary>
    public async Task<Flux2ToolOutcome> InvokeForOutcomeAsync(AIFunctionArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var progress = arguments.Context?.TryGetValue(ProgressKey, out object? value) is true
            ? value as IProgress<Flux2Progress>
            : arguments.Services?.GetService(typeof(IProgress<Flux2Progress>)) as IProgress<Flux2Progress>;
        try
        {
            return Flux2ToolOutcome.Succeeded(await _invoke(arguments, progress, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = Flux2ToolError.From(ex);
            if (ex is Flux2Exception)
            {
                _logger.LogInformation("{Tool} failed: {Error}", Name, error.Error);
            }
            else
            {
                _logger.LogError(ex, "{Tool} failed unexpectedly", Name);
            }

            return Flux2ToolOutcome.Failed(error);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        (await InvokeForOutcomeAsync(arguments, cancellationToken).ConfigureAwait(false)).ToJsonElement();
}
