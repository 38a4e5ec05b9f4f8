using System.ComponentModel.DataAnnotations;

namespace Warta.Operations;

/// <summary>
/// The one Redis server of a network of nodes, shared by the page cache and the live fan-out. The
/// setting is a single string, `Warta:Redis` = "redis.internal:6379", so it binds from its parent.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Warta";

    public const string Setting = "Warta:Redis";

    /// <summary>A StackExchange.Redis configuration string; none means one node with everything in process.</summary>
    [ConfigurationKeyName("Redis")]
    public string? Configuration { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        string? problem = null;
        try
        {
            StackExchange.Redis.ConfigurationOptions.Parse(Configuration!);
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
        }
        if (problem is not null)
            yield return new ValidationResult($"{Setting} is not a Redis configuration (host:port[,option=value]): {problem}", [nameof(Configuration)]);
    }
}

public static class RedisSettings
{
    /// <summary>Registers the setting once for every feature that uses it; whether it is set decides which services those register.</summary>
    public static RedisOptions AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RedisOptions>(RedisOptions.Section);
        return services.ReadSettings<RedisOptions>(configuration, RedisOptions.Section);
    }
}
