using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>A logger provider that keeps every entry: its message, exception, state, and the structured values a JSON or OpenTelemetry sink would write.</summary>
public sealed class CapturedLogs : ILoggerProvider, ILogger
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        Lines.Enqueue(formatter(state, exception) + " " + exception + " " + state + " " + values);
    }

    public void Dispose() { }
}
