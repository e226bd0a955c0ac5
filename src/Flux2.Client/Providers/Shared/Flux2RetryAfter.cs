using System.Globalization;
using System.Net.Http.Headers;

namespace Flux2.Client;

/// <summary>Reads how long a provider asked us to wait: <c>retry-after-ms</c>, then <c>Retry-After</c> (seconds or an HTTP date).</summary>
internal static class Flux2RetryAfter
{
    /// <summary>The wait the response asks for, or null when it names none.</summary>
    public static TimeSpan? Parse(HttpResponseMessage response, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Parse(response.Headers, timeProvider);
    }

    /// <summary>The wait the headers ask for, or null when they name none.</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var msValues))
        {
            foreach (string value in msValues)
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0 && ms < 86_400_000)
                {
                    return TimeSpan.FromMilliseconds(ms);
                }
            }
        }

        RetryConditionHeaderValue? retryAfter = headers.RetryAfter;
        if (retryAfter is null)
        {
            // A malformed value is not parsed into RetryAfter; try the raw text (e.g. "1.5").
            if (headers.TryGetValues("Retry-After", out var raw))
            {
                foreach (string value in raw)
                {
                    TimeSpan? parsed = ParseValue(value, timeProvider);
                    if (parsed is not null)
                    {
                        return parsed;
                    }
                }
            }

            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - (timeProvider ?? TimeProvider.System).GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads one <c>Retry-After</c> value: seconds (integer or decimal) or an HTTP date.</summary>
    public static TimeSpan? ParseValue(string? value, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return seconds is >= 0 and < 86_400 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            TimeSpan wait = date - (timeProvider ?? TimeProvider.System).GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
