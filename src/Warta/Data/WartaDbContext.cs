using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Network;

namespace Warta.Data;

/// <summary>
/// The one model of the store. Each database provider has a subclass of its own so that it can
/// carry its own migration set (see docs/decisions/0002-one-model-two-migration-sets.md).
/// </summary>
public abstract class WartaDbContext(DbContextOptions options) : IdentityUserContext<StaffUser, int>(options)
{
    public DbSet<NetworkProfile> Networks => Set<NetworkProfile>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<SiteHost> SiteHosts => Set<SiteHost>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<MediaAsset> Media => Set<MediaAsset>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<RelatedLink> RelatedLinks => Set<RelatedLink>();
    public DbSet<ArticleChange> ArticleChanges => Set<ArticleChange>();
    public DbSet<Publishing.ChangeCheckpoint> ChangeCheckpoints => Set<Publishing.ChangeCheckpoint>();
    public DbSet<SiteRole> SiteRoles => Set<SiteRole>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<EditorsPick> EditorsPicks => Set<EditorsPick>();
    public DbSet<StaticPage> StaticPages => Set<StaticPage>();
    public DbSet<Live.LiveReport> LiveReports => Set<Live.LiveReport>();
    public DbSet<Live.LiveEntry> LiveEntries => Set<Live.LiveEntry>();
    public DbSet<Live.LiveEvent> LiveEvents => Set<Live.LiveEvent>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        AccountsModel.Configure(model);
        NetworkModel.Configure(model);
        ContentModel.Configure(model);
        Newsroom.NewsroomModel.Configure(model);
        Live.LiveModel.Configure(model);
        Publishing.PublishingModel.Configure(model);
    }
}

public sealed class SqliteWartaDbContext(DbContextOptions<SqliteWartaDbContext> options) : WartaDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite has no date type: UTC ticks in an INTEGER keep ORDER BY and range filters in SQL.
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresWartaDbContext(DbContextOptions<PostgresWartaDbContext> options) : WartaDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // timestamptz accepts only UTC offsets from Npgsql; normalise on the way in.
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcNormalizingConverter>();
    }
}
