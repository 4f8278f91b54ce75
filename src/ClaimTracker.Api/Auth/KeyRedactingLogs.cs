namespace ClaimTracker.Api.Auth;

/// <summary>
/// Keeps keys sent as <c>?key=</c> out of every log. ASP.NET Core's request lines ("Request starting GET http://…?query=…&amp;key=…",
/// category Microsoft.AspNetCore.Hosting.Diagnostics, at Information) print the whole URL before any middleware runs, so the
/// key cannot be taken out of the request in time; instead every logger is wrapped, and an entry that carries a <c>key=</c>
/// parameter is passed on with its value replaced, in the message and in the structured values alike.
/// </summary>
public static class KeyRedactingLogs
{
    public static IServiceCollection AddKeyRedactingLogs(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory));
        if (registered?.ImplementationType is not { } factoryType) return services;
        services.Remove(registered);
        services.AddSingleton(factoryType);
        services.AddSingleton<ILoggerFactory>(provider => new Factory((ILoggerFactory)provider.GetRequiredService(factoryType)));
        return services;
    }

    private sealed class Factory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The container owns the inner factory and disposes it.
        public void Dispose()
        {
        }
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var carriesKey = values is null
                ? QueryKey.Redact(formatter(state, exception)) != formatter(state, exception)
                : values.Any(v => v.Value is string s && QueryKey.Redact(s) != s);
            if (!carriesKey)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var message = QueryKey.Redact(formatter(state, exception));
            IReadOnlyList<KeyValuePair<string, object?>> redacted = values is null
                ? [new("{OriginalFormat}", message)]
                : values.Select(v => v.Value is string s ? new KeyValuePair<string, object?>(v.Key, QueryKey.Redact(s)) : v).ToList();
            inner.Log(logLevel, eventId, redacted, exception, (_, _) => message);
        }
    }
}
