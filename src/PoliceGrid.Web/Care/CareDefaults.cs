using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

/// <summary>
/// The plans a new database starts with (one default per group; a county's own plans are the administrator's), and
/// the welfare-check category the last escalation reports under. Written only where missing, so nothing an
/// administrator changed is overwritten.
/// </summary>
public static class CareDefaults
{
    /// <summary>上门查看: a welfare check at the door, police work (the last level of a missed visit, or risk signs where police share the care).</summary>
    public const string WelfareCheckCategory = "02.03";

    /// <summary>A person in difficulty (the grid's work).</summary>
    public const string DifficultyCategory = "02.01";

    /// <summary>A key person's movements: police-only and confidential, for the police-only groups.</summary>
    public const string KeyPersonCategory = "02.02";

    const SeenHow Face = SeenHow.FaceToFace, Phone = SeenHow.Phone, Passing = SeenHow.InPassing, Family = SeenHow.FamilyReport;

    public static IReadOnlyList<CarePlan> Plans() =>
    [
        // Shuocheng's 两天必见面: every two days, face to face or seen in passing; a door visit half a day after.
        Plan(SpecialGroup.ElderlyAlone, CareResponsibility.GridTeam, 48, null, [Face, Passing], location: true, door: 12, chief: 24, welfare: 48),
        Plan(SpecialGroup.Disabled, CareResponsibility.GridTeam, 720, null, [Face, Phone, Family], door: 72, chief: 168, welfare: 336),
        Plan(SpecialGroup.LeftBehindChild, CareResponsibility.GridTeam, 720, null, [Face, Phone, Family], door: 72, chief: 168, welfare: 336),
        // Each province sets the frequency by class; weekly is the strict class's, to be set per county.
        Plan(SpecialGroup.CommunityCorrection, CareResponsibility.JusticeWithGrid, 168, null, [Face, Phone], risk: true, location: true, door: 24, chief: 48, welfare: 72),
        Plan(SpecialGroup.ReleasedPrisoner, CareResponsibility.JusticeWithGrid, 720, null, [Face, Phone], risk: true, door: 72, chief: 168, welfare: 336),
        Plan(SpecialGroup.DrugRehabilitation, CareResponsibility.HealthWithGridAndPolice, 720, 168, [Face], risk: true, location: true, door: 48, chief: 96, welfare: 168),
        // At least four follow-ups a year; grades 3-5 within two weeks, jointly.
        Plan(SpecialGroup.SevereMentalDisorder, CareResponsibility.HealthWithGridAndPolice, 2160, 336, [Face, Phone], risk: true, door: 72, chief: 168, welfare: 336),
        Plan(SpecialGroup.KeyYouth, CareResponsibility.GridTeam, 720, null, [Face, Phone, Family], risk: true, door: 72, chief: 168, welfare: 336),
        Plan(SpecialGroup.KeyPetitioner, CareResponsibility.PoliceOnly, 168, null, [Face, Passing, Phone], risk: true, door: 24, chief: 48, welfare: 72),
        Plan(SpecialGroup.KeyPerson, CareResponsibility.PoliceOnly, 168, null, [Face, Passing], risk: true, door: 24, chief: 48, welfare: 72),
    ];

    static CarePlan Plan(SpecialGroup group, CareResponsibility responsible, int hours, int? highRiskHours, SeenHow[] accepts, bool risk = false,
        bool location = false, int door = 24, int chief = 48, int welfare = 72) => new()
    {
        Group = group, Responsible = responsible, IntervalHours = hours, HighRiskIntervalHours = highRiskHours, Accepts = CarePlan.BitsOf(accepts),
        RecordsCondition = true, RecordsNeeds = true, RecordsRiskSigns = risk, AsksLocation = location, AsksPhoto = false,
        DoorVisitAfterHours = door, ChiefAfterHours = chief, WelfareCheckAfterHours = welfare,
    };

    public static async Task EnsureAsync(PoliceGridDb db)
    {
        var have = await db.CarePlans.Where(p => p.CountyId == null).Select(p => p.Group).ToListAsync();
        db.CarePlans.AddRange(Plans().Where(p => !have.Contains(p.Group)));
        if (!await db.EventCategories.AnyAsync(c => c.Code == WelfareCheckCategory))
            db.EventCategories.Add(new EventCategory
            {
                Code = WelfareCheckCategory, MajorCode = "02", MajorName = Words.Zh("Events.SpecialGroups"), MajorNameEn = Words.En("Events.SpecialGroups"),
                Name = Words.Zh("Care.WelfareCheck"), NameEn = Words.En("Care.WelfareCheck"), IsPolice = true, DefaultHandler = HandlerSide.Police,
                AcceptMinutes = 30, DispatchMinutes = 30, StartMinutes = 60, HandleMinutes = 1440, VerifyMinutes = 1440, CloseMinutes = 2880,
            });
        // Install-time data, like EventDefaults: not an audited change; every later edit is.
        if (db.ChangeTracker.HasChanges())
            await db.SaveChangesAsync();
    }
}
