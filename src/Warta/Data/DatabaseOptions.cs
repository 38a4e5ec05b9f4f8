using System.ComponentModel.DataAnnotations;

namespace Warta.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Warta:Database";

    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = Section + ":Provider must be Sqlite or Postgres.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
