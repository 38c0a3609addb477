using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Data;

/// <summary>
/// Demo mode only: Pingdingshan's real divisions and county outlines, generated grids and police side, staff in every
/// township, and the named demo accounts README lists (password <see cref="Password"/>).
/// </summary>
public sealed class DemoSeed(PoliceGridDb db, ImportUnits import, UserManager<Account> users, Register.RegisterDemo register, Duty.DutyDemo duty, Teams.TeamsDemo teams, Care.CareDemo care, Disputes.DisputesDemo disputes, Microsoft.Extensions.Options.IOptions<DemoOptions> demo,
    ILogger<DemoSeed> log)
{
    public const string Password = "PoliceGrid#2026";

    /// <summary>The township where every named demo account works, so they can be tried side by side.</summary>
    public const string DemoTownship = "410402001";

    public async Task RunAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var assembly = typeof(DemoSeed).Assembly;
        await using var divisions = assembly.GetManifestResourceStream("demo/pingdingshan/divisions.csv")!;
        await using var outlines = assembly.GetManifestResourceStream("demo/pingdingshan/counties.geojson")!;
        var imported = await import.RunAsync(divisions, outlines);
        if (imported.Value is not { } summary)
            throw new InvalidOperationException("Demo data does not import: " + ImportUnits.Describe(ImportUnits.ProblemsOf(imported)));

        var staff = await AddStaffAsync();
        await AddNamedAccountsAsync();
        await teams.RunAsync();
        await disputes.RunAsync();
        if (demo.Value.Register)
        {
            await register.RunAsync();
            await care.RunAsync();
        }
        if (demo.Value.Duty)
            await duty.RunAsync();
        log.LogInformation("Demo data ready in {Seconds:F1}s: {Units} units, {Staff} staff", started.Elapsed.TotalSeconds, summary.Created, staff);
    }

    /// <summary>A station head and centre director per township, an officer and an auxiliary per police district, a grid
    /// worker per grid (TeamsDemo pairs each with her district's officer). They cannot sign in (no password).</summary>
    async Task<int> AddStaffAsync()
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PoliceStation || u.Kind == UnitKind.FusionCentre
            || u.Kind == UnitKind.PoliceDistrict || u.Kind == UnitKind.Grid).Select(u => new { u.Id, u.Code, u.Kind, u.PoliceDistrictId }).ToListAsync();
        var names = new NameMaker();
        var accounts = new List<Account>();
        var (policeNumber, workers) = (100000, 0);
        foreach (var unit in units.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            var role = unit.Kind switch
            {
                UnitKind.PoliceStation => Role.StationHead,
                UnitKind.FusionCentre => Role.CentreDirector,
                UnitKind.PoliceDistrict => Role.CommunityOfficer,
                _ => Role.GridWorker,
            };
            var account = Staff($"{role.ToString().ToLowerInvariant()}-{unit.Code.ToLowerInvariant()}", names.Next(), role, unit.Id);
            accounts.Add(account);
            if (role == Role.CommunityOfficer)
                accounts.Add(Staff($"auxiliary-{unit.Code.ToLowerInvariant()}", names.Next(), Role.AuxiliaryOfficer, unit.Id));
        }
        // What a staff ledger holds: police numbers for the police, full- or part-time for grid workers.
        foreach (var person in accounts)
        {
            if (person.Side == Side.Police)
                person.PoliceNumber = (++policeNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
            else if (person.Role == Role.GridWorker)
                person.Employment = ++workers % 3 == 0 ? Employment.PartTime : Employment.FullTime;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Users.AddRange(accounts);
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
        return accounts.Count;
    }

    static Account Staff(string userName, string displayName, Role role, int unitId) => new()
    {
        UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName, Role = role,
        Side = role.DefaultSide(), UnitId = unitId, IsDemo = true, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
        GrantApprovedAt = DateTime.UtcNow, // demo data: pre-approved, like the named demo accounts
    };

    async Task AddNamedAccountsAsync()
    {
        var township = await db.Units.AsNoTracking().SingleAsync(u => u.Code == DemoTownship);
        var villages = await db.Units.AsNoTracking().Where(u => u.ParentId == township.Id && u.Kind == UnitKind.Village).OrderBy(u => u.Code).Take(2).ToListAsync();
        var gridsOf = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Grid && (u.ParentId == villages[0].Id || u.ParentId == villages[1].Id))
            .OrderBy(u => u.Code).ToListAsync();
        var firstGrid = gridsOf.First(g => g.ParentId == villages[0].Id);
        var otherGrid = gridsOf.First(g => g.ParentId == villages[1].Id);
        var district = await db.Units.AsNoTracking().SingleAsync(u => u.Id == firstGrid.PoliceDistrictId);
        int UnitOf(string code) => db.Units.AsNoTracking().Single(u => u.Code == code).Id;
        var city = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.City).Select(u => u.Id).FirstAsync();

        var named = new (string UserName, string DisplayName, Role Role, int UnitId)[]
        {
            ("admin", "系统管理员", Role.SystemAdmin, city),
            ("secadmin", "安全管理员", Role.SecurityAdmin, city),
            ("auditor", "审计员", Role.Auditor, city),
            ("dispatcher", "赵值班", Role.Dispatcher, UnitOf("B410402")),
            ("stationhead", "钱所长", Role.StationHead, UnitOf("S" + DemoTownship)),
            ("director", "孙主任", Role.CentreDirector, UnitOf("FC" + DemoTownship)),
            ("officer", "李警官", Role.CommunityOfficer, district.Id),
            ("auxiliary", "周辅警", Role.AuxiliaryOfficer, district.Id),
            ("gridchief", "吴网格长", Role.GridChief, firstGrid.Id),
            ("gridworker1", "郑网格员", Role.GridWorker, firstGrid.Id),
            ("gridworker2", "王网格员", Role.GridWorker, otherGrid.Id),
            ("civil", "冯民政", Role.DepartmentOfficer, UnitOf("410402")),
            ("urban", "陈城管", Role.DepartmentOfficer, UnitOf("410402")),
            ("mediator", "林调解", Role.Mediator, township.Id),
        };
        var departments = new Dictionary<string, string> { ["civil"] = "民政", ["urban"] = "城管" };
        var mobile = 13800000000L; // fictional numbers, one per account, for messages and tap-to-call
        foreach (var (userName, displayName, role, unitId) in named)
        {
            mobile++;
            // Demo grants count as approved by the security administrator, so the demo works with two commands.
            var account = new Account
            {
                UserName = userName, DisplayName = displayName, Role = role, Side = role.DefaultSide(), UnitId = unitId, IsDemo = true,
                Department = departments.GetValueOrDefault(userName), GrantApprovedAt = DateTime.UtcNow,
                PhoneNumber = mobile.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PoliceNumber = role.DefaultSide() == Side.Police ? (900000 + mobile % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                Employment = role is Role.GridWorker ? Employment.FullTime : null,
            };
            var result = await users.CreateAsync(account, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Plausible Chinese names, the same on every run.</summary>
    sealed class NameMaker
    {
        const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
        const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕文斌晓东";
        int next;

        public string Next()
        {
            var i = next++;
            var surname = Surnames[i % Surnames.Length];
            var first = Given[i / Surnames.Length % Given.Length];
            var second = Given[(i * 7 + 3) % Given.Length];
            return i % 3 == 0 ? $"{surname}{first}" : $"{surname}{first}{second}";
        }
    }
}
