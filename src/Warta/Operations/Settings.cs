using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Warta.Operations;

/// <summary>
/// Typed settings (docs/decisions/0014-typed-options.md): bound from one section, defaults in the
/// class, checked by their data annotations when the host starts, so a bad setting stops start-up
/// with a message naming it instead of failing on the first request that reads it.
/// </summary>
public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/>; consumers take the bound value, registered once.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>
    /// The same binding, read while services are still being registered, for the few choices made there
    /// (which database, Redis or memory); checked now, since start-up validation comes later.
    /// </summary>
    public static T ReadSettings<T>(this IConfiguration configuration, string section) where T : class, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), errors, validateAllProperties: true))
            throw new OptionsValidationException(section, typeof(T), errors.Select(e => e.ErrorMessage ?? section));
        return settings;
    }
}
