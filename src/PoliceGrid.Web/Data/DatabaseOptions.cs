using System.ComponentModel.DataAnnotations;

namespace PoliceGrid.Web.Data;

/// <summary>The <c>Database</c> section and the two connection strings (README, "Configuration").</summary>
public sealed class DatabaseOptions
{
    [AllowedValues(DatabaseSetup.Sqlite, DatabaseSetup.Postgres,
        ErrorMessage = "Database:Provider 只能是 Sqlite 或 Postgres / Database:Provider must be Sqlite or Postgres")]
    public string Provider { get; set; } = DatabaseSetup.Sqlite;

    [Range(0, 86_400, ErrorMessage = "Database:StartupRetrySeconds 须为 0 至 86400 / Database:StartupRetrySeconds must be 0 to 86400")]
    public int StartupRetrySeconds { get; set; } = 120;

    /// <summary>From <c>ConnectionStrings</c>, not from <c>Database</c>.</summary>
    public ConnectionStringsOptions ConnectionStrings { get; set; } = new();

    public bool UsesPostgres => Provider == DatabaseSetup.Postgres;

    public string ConnectionString => ConnectionStrings.PoliceGrid ?? "Data Source=policegrid.db";

    public sealed class ConnectionStringsOptions
    {
        /// <summary>The product's own role (a member of <c>policegrid_app</c>).</summary>
        public string? PoliceGrid { get; set; }

        /// <summary>The owner role that runs migrations; empty: migrations run through <see cref="PoliceGrid"/>.</summary>
        public string? PoliceGridOwner { get; set; }
    }
}

/// <summary>The <c>Demo</c> section: demo accounts and data, which production refuses (<see cref="Startup"/>).</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }

    /// <summary>Seed the demo units and accounts into an empty database (tests turn it off).</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Seed the demo grid's register (houses, residents, venues).</summary>
    public bool Register { get; set; } = true;

    /// <summary>Seed a duty rota for this week and the next at the demo station and command room.</summary>
    public bool Duty { get; set; } = true;
}
