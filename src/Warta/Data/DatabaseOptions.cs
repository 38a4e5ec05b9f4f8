namespace Warta.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Warta:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
