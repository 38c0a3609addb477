using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

/// <summary>
/// What residents, houses and organisations share: their place (address, grid, police district, area path for scope)
/// and the collect → verify loop ("前端采、民警核"). A record is pending until an officer of its police district
/// verifies it; a change to a verified record waits as a <see cref="RegisterChange"/> and the record keeps its verified values.
/// </summary>
public abstract class RegisterRecord
{
    public int Id { get; set; }
    public int AddressId { get; set; }
    public int GridId { get; set; }
    public int? PoliceDistrictId { get; set; }

    /// <summary>The grid's path; scope is decided on it as on a unit's area path.</summary>
    public string AreaPath { get; set; } = "";

    public RecordStatus Status { get; set; }
    public string? ReturnReason { get; set; }
    public int CollectedById { get; set; }
    public DateTime CollectedAt { get; set; }
    public int? VerifiedById { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public bool HasPendingChange { get; set; }

    /// <summary>Counts saved versions; also the concurrency token, so two officers cannot verify one record twice.</summary>
    public int Version { get; set; }

    public void PlaceAt(StandardAddress address)
    {
        AddressId = address.Id;
        GridId = address.GridId;
        PoliceDistrictId = address.PoliceDistrictId;
        AreaPath = address.AreaPath;
    }
}

public enum RecordStatus
{
    Pending = 1,
    Verified = 2,
    Returned = 3,
}

public enum RecordType
{
    Resident = 1,
    House = 2,
    Organisation = 3,
}

public static class RegisterLabels
{
    public static (string Zh, string En) Label(this RecordStatus status) => Words.PairOf(status);

    public static (string Zh, string En) Label(this RecordType type) => Words.PairOf(type);

    /// <summary>The page of a record.</summary>
    public static string PageOf(this RecordType type, int id) => type switch
    {
        RecordType.Resident => $"/register/residents/{id}",
        RecordType.House => $"/register/houses/{id}",
        _ => $"/register/organisations/{id}",
    };
}
