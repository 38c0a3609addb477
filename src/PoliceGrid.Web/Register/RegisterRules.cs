using System.Text.Json;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

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
                problems.Add(new FieldProblem("tags", new Text($"未知的人员标签：{name}", $"Unknown tag: {name}")));
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

/// <summary>What a collection or change came to; exactly one of its parts says why, when it did not succeed.</summary>
public sealed record CollectResult(int Id, RecordStatus Status, IReadOnlyList<FieldProblem> Problems, DuplicateHit? Existing = null,
    IReadOnlyList<DuplicateHit>? LikelyDuplicates = null, Text? Refusal = null, bool Forbidden = false, bool Elsewhere = false, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Problems.Count == 0 && Existing is null && LikelyDuplicates is not { Count: > 0 } && Refusal is null;

    public static CollectResult Done(int id, RecordStatus status) => new(id, status, []);

    public static CollectResult Invalid(IReadOnlyList<FieldProblem> problems) => new(0, 0, problems);

    public static CollectResult Refused(Text why) => new(0, 0, [], Refusal: why);

    /// <summary>The number is on record outside the collector's area: she learns that, and nothing about the record.</summary>
    public static readonly CollectResult RegisteredElsewhere = new(0, 0, [], Refusal: DuplicateLookups.Elsewhere, Elsewhere: true);

    public static CollectResult Throttled(TimeSpan wait) => new(0, 0, [], Refusal: DuplicateLookups.TooMany(wait), RetryAfter: wait);

    public static readonly CollectResult NotACollector = new(0, 0, [], Refusal: new Text("您的角色不能采集信息", "Your role does not collect records"), Forbidden: true);
}
