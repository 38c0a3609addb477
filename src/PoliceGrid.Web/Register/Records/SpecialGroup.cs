using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

/// <summary>Tags for special groups (特殊人群) and key persons (重点人员); the police-only ones do not exist for the grid side.</summary>
public enum SpecialGroup
{
    ElderlyAlone = 1,
    Disabled = 2,
    LeftBehindChild = 3,
    CommunityCorrection = 4,
    ReleasedPrisoner = 5,
    DrugRehabilitation = 6,
    SevereMentalDisorder = 7,
    KeyPetitioner = 8,
    KeyYouth = 9,
    KeyPerson = 10,
}

public static class SpecialGroups
{
    public static bool IsPoliceOnly(this SpecialGroup group) => group is SpecialGroup.KeyPetitioner or SpecialGroup.KeyPerson;

    public static (string Zh, string En) Label(this SpecialGroup group) => Words.PairOf(group);

    /// <summary>The tags this side may see and set.</summary>
    public static IEnumerable<SpecialGroup> For(bool police) => Enum.GetValues<SpecialGroup>().Where(g => police || !g.IsPoliceOnly());

    /// <summary>Stored as <c>,ElderlyAlone,KeyPerson,</c> so one tag is found with a LIKE on <c>,Tag,</c>.</summary>
    public static string Store(IEnumerable<SpecialGroup> groups)
    {
        var names = groups.Distinct().Order().Select(g => g.ToString()).ToList();
        return names.Count == 0 ? "" : $",{string.Join(',', names)},";
    }

    public static IReadOnlyList<SpecialGroup> Read(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SpecialGroup>).ToList();

    public static string Stored(this SpecialGroup group) => $",{group},";
}
