using Microsoft.SemanticKernel;

namespace ChatAgent;

/// <summary>Prints every function the model calls, with its arguments and the start of its result, so the run can be followed.</summary>
internal sealed class ToolCallPrinter : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        string arguments = string.Join(", ", context.Arguments.Select(a => $"{a.Key}={a.Value}"));
        Console.WriteLine($"  [tool] {context.Function.Name}({arguments})");
        await next(context);
        string result = context.Result.GetValue<object>()?.ToString() ?? "";
        Console.WriteLine($"  [tool] -> {(result.Length > 300 ? result[..300] + "..." : result)}");
    }
}
