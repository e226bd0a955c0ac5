namespace Flux2.Cli;

/// <summary>
/// Owns stderr's bottom line on a terminal: a status (spinner, progress bar) that is redrawn in place, while every other
/// stderr line (logs, notices) is written above it, so they never interleave. Without a terminal the status is not drawn.
/// </summary>
internal sealed class StatusLine(TextWriter error, bool interactive)
{
    private readonly Lock _lock = new();
    private string? _status;
    private int _drawnWidth;

    /// <summary>True when the status is drawn (stderr is a terminal).</summary>
    public bool Interactive => interactive;

    /// <summary>Writes a whole line above the status.</summary>
    public void WriteLine(string text)
    {
        lock (_lock)
        {
            Erase();
            error.WriteLine(text);
            Draw();
        }
    }

    /// <summary>Shows (or with null, removes) the status.</summary>
    public void Show(string? status)
    {
        lock (_lock)
        {
            if (!interactive)
            {
                return;
            }

            _status = status;
            if (status is null)
            {
                Erase();
                error.Flush();
                return;
            }

            Draw();
        }
    }

    private void Draw()
    {
        if (!interactive || _status is null)
        {
            return;
        }

        string line = Fit(_status);
        error.Write("\r" + line + (line.Length < _drawnWidth ? new string(' ', _drawnWidth - line.Length) + "\r" + line : ""));
        error.Flush();
        _drawnWidth = line.Length;
    }

    private void Erase()
    {
        if (interactive && _drawnWidth > 0)
        {
            error.Write("\r" + new string(' ', _drawnWidth) + "\r");
            _drawnWidth = 0;
        }
    }

    private static string Fit(string text)
    {
        int width = 80;
        try
        {
            if (Console.WindowWidth > 0)
            {
                width = Console.WindowWidth;
            }
        }
        catch (IOException)
        {
        }

        width = Math.Max(20, width - 1);
        return text.Length > width ? text[..(width - 1)] + "…" : text;
    }
}
