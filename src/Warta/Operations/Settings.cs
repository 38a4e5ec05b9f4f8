using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Warta.Operations;

/// <summary>
/// Typed settings (docs/decisions/0014-typed-options.md): bound from one section, defaults in the
/// class, checked by their data annotations when the host starts, so a bad setting stops start-up
/// with a message naming it instead of failing on the first request that reads it. A `Warta:` key
/// that no settings class reads (a typo, a setting from an older version) stops it too.
/// </summary>
public static class Settings
{
    public const string Root = "Warta";

    /// <summary>Binds <typeparamref name="T"/>; consumers take the bound value, registered once.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        services.AddSettingsShape<T>(section);
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>
    /// The same binding, read while services are still being registered, for the few choices made there
    /// (which database, Redis or memory); checked now, since start-up validation comes later.
    /// </summary>
    public static T ReadSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class, new()
    {
        services.AddSettingsShape<T>(section);
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), errors, validateAllProperties: true))
            throw new OptionsValidationException(section, typeof(T), errors.Select(e => e.ErrorMessage ?? section));
        return settings;
    }

    private static void AddSettingsShape<T>(this IServiceCollection services, string section)
    {
        services.AddSingleton(new SettingsShape(section, typeof(T)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnownSettings>, UnknownSettings>());
        services.AddOptions<KnownSettings>().ValidateOnStart();
    }

    /// <summary>Nothing to bind: the options type the check of unknown keys hangs on, to run when the host starts.</summary>
    private sealed class KnownSettings;

    private sealed class UnknownSettings(IConfiguration configuration, IEnumerable<SettingsShape> shapes) : IValidateOptions<KnownSettings>
    {
        public ValidateOptionsResult Validate(string? name, KnownSettings options)
        {
            var known = shapes.SelectMany(s => s.Keys()).ToList();
            // Only leaves: some hosts also give a section holding settings a value of its own.
            var unknown = configuration.GetSection(Root).AsEnumerable()
                .Where(setting => setting.Value is not null && !configuration.GetSection(setting.Key).GetChildren().Any())
                .Where(setting => !known.Any(k => k.Covers(setting.Key)))
                .Select(setting => setting.Key).Order(StringComparer.OrdinalIgnoreCase).ToList();
            return unknown.Count == 0 ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(unknown.Select(key => $"{key} is not a Warta setting (misspelt, or no longer used): the README lists them all."));
        }
    }
}

/// <summary>A settings class and the section it binds from: the keys it reads.</summary>
public sealed record SettingsShape(string Section, Type Type)
{
    public IEnumerable<SettingKey> Keys() =>
        Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => new SettingKey($"{Section}:{p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name}", !IsSingleValue(p.PropertyType)));

    private static bool IsSingleValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);
    }
}

/// <summary>One key a settings class reads; a list or an object also reads the keys below it (`KnownProxies:0`).</summary>
public sealed record SettingKey(string Path, bool HasChildren)
{
    public bool Covers(string key) =>
        key.Equals(Path, StringComparison.OrdinalIgnoreCase)
        || (HasChildren && key.StartsWith(Path + ":", StringComparison.OrdinalIgnoreCase));
}
