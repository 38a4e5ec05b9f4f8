using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Warta.Data;

namespace Warta.Tests.Data;

/// <summary>
/// The app starts on a compiled EF model (Data/CompiledModels). It must describe exactly what
/// OnModelCreating builds; when this fails, run `dotnet ef dbcontext optimize` (docs/decisions/0002).
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void SqliteCompiledModelMatchesTheModelBuiltFromCode()
    {
        var options = new DbContextOptionsBuilder<SqliteWartaDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteWartaDbContext(options);
        AssertSameShape(db);
    }

    [Fact]
    public void PostgresCompiledModelMatchesTheModelBuiltFromCode()
    {
        var options = new DbContextOptionsBuilder<PostgresWartaDbContext>().UseNpgsql("Host=localhost").Options;
        using var db = new PostgresWartaDbContext(options);
        AssertSameShape(db);
    }

    private static void AssertSameShape(DbContext db)
    {
        var compiled = db.Model;
        var fromCode = db.GetService<IDesignTimeModel>().Model;
        Assert.NotSame(compiled, fromCode);
        Assert.Equal(Describe(fromCode), Describe(compiled));
    }

    private static List<string> Describe(IModel model) =>
        model.GetEntityTypes().OrderBy(e => e.Name).SelectMany(entity =>
            entity.GetProperties().Select(p => $"{entity.Name}.{p.Name}: {p.ClrType.Name} column={p.GetColumnName()} null={p.IsNullable} max={p.GetMaxLength()} type={p.GetColumnType()}")
                .Concat(entity.GetIndexes().Select(i => $"{entity.Name} index {string.Join(",", i.Properties.Select(p => p.Name))} unique={i.IsUnique}"))
                .Concat(entity.GetForeignKeys().Select(f => $"{entity.Name} fk {string.Join(",", f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior}"))
                .Concat(entity.GetKeys().Select(k => $"{entity.Name} key {string.Join(",", k.Properties.Select(p => p.Name))}")))
            .OrderBy(line => line, StringComparer.Ordinal).ToList();
}
