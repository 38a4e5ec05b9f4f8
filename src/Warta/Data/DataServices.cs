using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Warta.Operations;

namespace Warta.Data;

public static class DataServices
{
    public const string DefaultSqliteConnection = "Data Source=data/warta.db";

    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StoreStartupOptions>(StoreStartupOptions.Section);
        var options = services.ReadSettings<DatabaseOptions>(configuration, DatabaseOptions.Section);
        var connectionString = configuration.GetConnectionString("Warta");
        services.AddHostedService<StoreStartup>();

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Warta:Database:Provider is Postgres but ConnectionStrings:Warta is empty.");
            services.AddDbContextPool<WartaDbContext, PostgresWartaDbContext>(db => ConfigurePostgres(db, connectionString));
        }
        else
        {
            var sqlite = PrepareSqlite(connectionString ?? DefaultSqliteConnection);
            services.AddDbContextPool<WartaDbContext, SqliteWartaDbContext>(db => ConfigureSqlite(db, sqlite));
        }

        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder db, string connectionString) =>
        db.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString);

    /// <summary>Makes the folder of the database file, so a fresh checkout needs no set-up step.</summary>
    public static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        return builder.ToString();
    }

    /// <summary>Brings the schema up to date; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(this WartaDbContext db, CancellationToken cancellationToken = default)
    {
        // Asking first keeps a normal start fast: Migrate() itself also diffs the whole model.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Per connection: with WAL, NORMAL sync survives application crashes and is much faster. Reads go
    /// through one memory map shared by all connections (a bigger per-connection page cache would be
    /// multiplied by the pool).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        // Pooled connections keep their settings; apply them once per native connection, not per open.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            var handle = ((SqliteConnection)connection).Handle;
            if (handle is null || Applied.TryGetValue(handle, out _)) return;
            Applied.Add(handle, handle);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA cache_size=-512;";
            command.ExecuteNonQuery();
        }
    }
}
