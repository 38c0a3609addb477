using System.Text.Json;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

/// <summary>Who may do what in the register, and the shapes its answers share.</summary>
public static class RegisterRules
{
    public static bool CanCollect(this Viewer viewer) => viewer.Can(Capability.CollectRegister);

    /// <summary>A community officer's own collection needs no second look; everyone else's waits for one ("民警核").</summary>
    public static bool VerifiesOwnWork(this Viewer viewer) => viewer.Role is Role.CommunityOfficer;

    /// <summary>An officer (or the station head) of the record's police district.</summary>
    public static bool CanVerify(this Viewer viewer, int? policeDistrictId) =>
        viewer.Can(Capability.VerifyRegister)
        && policeDistrictId is { } district && (viewer.Scope.IsEverything || viewer.Scope.DistrictIds.Contains(district));

    public static bool SeesPoliceOnly(this Viewer viewer) => viewer.Can(Capability.SeePoliceDetail);

    /// <summary>Reads the tags a collector sent; police-only tags are as unknown to the grid side as a made-up one.</summary>
    public static IReadOnlyList<SpecialGroup> ParseTags(IEnumerable<string>? names, bool police, List<FieldProblem> problems)
    {
        var tags = new List<SpecialGroup>();
        foreach (var name in names ?? [])
        {
            if (Enum.TryParse<SpecialGroup>(name, ignoreCase: false, out var tag) && Enum.IsDefined(tag) && !int.TryParse(name, out _) && (police || !tag.IsPoliceOnly()))
                tags.Add(tag);
            else
                problems.Add(new FieldProblem("tags", new Text("Register.UnknownTag0", name)));
        }
        return tags;
    }

    /// <summary>An optional phone number: none, a valid one, or a problem for <paramref name="field"/>.</summary>
    public static string? OptionalPhone(string? input, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(input))
            return null;
        if (PhoneNumber.TryParse(input, out var phone, out var problem))
            return phone;
        problems.Add(new FieldProblem(field, problem));
        return null;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>A record the new one may duplicate, as the collector is shown it (masked).</summary>
public sealed record DuplicateHit(int Id, string Name, string? IdNumberMasked, DateOnly? BirthDate, string Address);

/// <summary>
/// What a collection or change made (its id and status), or, when it did not, what the collector is shown besides the
/// message: the record already on file, the likely duplicates, that the number is on record elsewhere, when to try again.
/// </summary>
public sealed record CollectResult(int Id, RecordStatus Status, DuplicateHit? Existing = null, IReadOnlyList<DuplicateHit>? LikelyDuplicates = null,
    bool Elsewhere = false, TimeSpan? RetryAfter = null)
{
    public static Result<CollectResult> Done(int id, RecordStatus status) => new CollectResult(id, status);

    /// <summary>The number is on record outside the collector's area: she learns that, and nothing about the record.</summary>
    public static Result<CollectResult> RegisteredElsewhere => new(Outcome.Conflict, new CollectResult(0, 0, Elsewhere: true), DuplicateLookups.Elsewhere);

    public static Result<CollectResult> Throttled(TimeSpan wait) => new(Outcome.Conflict, new CollectResult(0, 0, RetryAfter: wait), DuplicateLookups.TooMany(wait));
}
