using Microsoft.EntityFrameworkCore;
using Warta.Operations;

namespace Warta.Publishing;

public static class PublishingServices
{
    /// <summary>The story state machine, the scheduler, and the dispatcher that runs every registered <see cref="IChangeHandler"/>.</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddSettings<ChangeDispatchOptions>(ChangeDispatchOptions.Section);
        services.AddSingleton<ChangeDispatcher>();
        services.AddSingleton<IChangeHandler, SiteDirectoryReload>();
        services.AddHostedService<ChangeDispatchLoop>();
        services.AddScoped<StoryEdits>();
        services.AddScoped<ArticleWorkflow>();
        services.AddHostedService<ScheduledPublisher>();
        return services;
    }
}

public static class PublishingModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ChangeCheckpoint>(checkpoint =>
        {
            checkpoint.HasKey(c => c.Handler);
            checkpoint.Property(c => c.Handler).HasMaxLength(100);
            checkpoint.Property(c => c.LeaseOwner).HasMaxLength(200);
        });
    }
}
