using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Warta.Data;

/// <summary>Used by `dotnet ef migrations add`; never at run time.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWartaDbContext>
{
    public SqliteWartaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteWartaDbContext>();
        DataServices.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteWartaDbContext(options.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWartaDbContext>
{
    public PostgresWartaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresWartaDbContext>();
        DataServices.ConfigurePostgres(options, "Host=localhost;Database=warta_design");
        return new PostgresWartaDbContext(options.Options);
    }
}
