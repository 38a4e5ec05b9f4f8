using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Warta.Tests.Infrastructure;

/// <summary>
/// The app's own output-cache store, wrapped to count the distinct entries written to it, so a test
/// can see whether requests add entries (the in-process store does not tell).
/// </summary>
public sealed class CountingCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    private readonly ConcurrentDictionary<string, byte> _keys = new();

    public int EntriesWritten => _keys.Count;

    /// <summary>How long the last entry written was to be kept.</summary>
    public TimeSpan? LastValidFor { get; private set; }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        _keys.TryAdd(key, 0);
        LastValidFor = validFor;
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    /// <summary>Wraps whatever store the app registered; use as <c>testServices</c> of <see cref="WartaApp.StartAsync"/>.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton(sp => new CountingCacheStore(registered.ImplementationFactory is { } factory
            ? (IOutputCacheStore)factory(sp)
            : (IOutputCacheStore)(registered.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<CountingCacheStore>());
    }
}
