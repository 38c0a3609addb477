namespace PoliceGrid.Web.Shared;

/// <summary>How a person was seen: what a care plan may count as contact (见面).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SeenHow>))]
public enum SeenHow
{
    FaceToFace = 1,
    Phone = 2,
    InPassing = 3,
    FamilyReport = 4,
}

/// <summary>
/// Told whenever a resident was seen by staff in the course of other work (an event that names her, a register change
/// checked at her door, a mediation session she attended), so that her care clock resets and nobody enters the same
/// contact twice. Care answers it; the features that call it do not depend on Care.
/// </summary>
public interface IPersonSeen
{
    /// <param name="residentId">The resident (实有人口) who was seen.</param>
    /// <param name="seenAt">When, UTC.</param>
    /// <param name="how">How; a plan that does not count this kind of contact leaves its clock alone.</param>
    /// <param name="source">What showed it, as "type:id" (e.g. "event:42", "register-change:7", "mediation:3").</param>
    /// <param name="byAccountId">Who saw her, if a person of the platform.</param>
    /// <remarks>Adds to the caller's unit of work: the caller's <c>SaveChangesAsync</c> keeps it with the change that showed it.</remarks>
    Task SeenAsync(int residentId, DateTime seenAt, SeenHow how, string source, int? byAccountId = null, CancellationToken ct = default);
}
