namespace Flux2.Benchmarks;

/// <summary>Order statistics over samples.</summary>
internal static class Stats
{
    /// <summary>The median (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>The p-th percentile by linear interpolation between closest ranks.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        double rank = p / 100 * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
