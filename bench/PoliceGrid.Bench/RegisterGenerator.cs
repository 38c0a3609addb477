using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Bench;

/// <summary>
/// A city-scale register consistent with the units: houses spread over every grid, residents in houses (about three a
/// house), organisations at addresses of their own, all placed, sealed and masked as the product does it. Written with
/// binary COPY in chunks while the indexes are off, then indexed once.
/// </summary>
internal sealed class RegisterGenerator
{
    const int Chunk = 100_000;
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);
    static readonly string[] Regions = ["410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425", "410481", "410482"];
    static readonly string[] Roads = ["建设", "中兴", "矿工", "开源", "光明", "新华", "胜利", "和平", "人民", "团结", "幸福", "东风", "长青", "湛河", "凌云", "育英", "平安", "富民", "兴业", "朝阳"];
    static readonly string[] Kinds = ["商店", "公司", "学校", "宾馆", "网吧", "化工", "快递", "饭店", "诊所", "歌厅"];
    const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
    const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉志海燕文斌晓东";

    sealed record Grid(int Id, string Path, int? PoliceDistrictId, int VillageId, string VillageCode, string Prefix, int Ordinal, double Lon, double Lat,
        int CollectorId, int? VerifierId);

    readonly List<Grid> grids;
    readonly List<(int Id, string AreaPath)> villages;
    readonly PersonalDataVault vault;
    readonly int residents, houses, organisations;

    RegisterGenerator(List<Grid> grids, List<(int, string)> villages, PersonalDataVault vault, int residents, int houses, int organisations) =>
        (this.grids, this.villages, this.vault, this.residents, this.houses, this.organisations) = (grids, villages, vault, residents, houses, organisations);

    public int Addresses => houses + organisations;
    public int ResidentCount => residents;
    public int VillageCount => villages.Count;

    public static async Task<RegisterGenerator> LoadAsync(IServiceProvider app, int residents, int houses, int organisations)
    {
        var vault = app.GetRequiredService<PersonalDataVault>();
        return await RegisterBench.WithDb(app, async db =>
        {
            var units = await db.Units.AsNoTracking().Where(u => u.Kind <= UnitKind.Grid)
                .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.Path, u.ParentId, u.PoliceDistrictId, u.Outline }).ToListAsync();
            var byCode = units.Where(u => u.Kind != UnitKind.Grid).ToDictionary(u => u.Code);
            var workers = await db.Users.AsNoTracking().Where(a => a.Role == Role.GridWorker).GroupBy(a => a.UnitId)
                .Select(g => new { UnitId = g.Key, Id = g.Min(a => a.Id) }).ToDictionaryAsync(a => a.UnitId, a => a.Id);
            var officers = await db.Users.AsNoTracking().Where(a => a.Role == Role.CommunityOfficer).GroupBy(a => a.UnitId)
                .Select(g => new { UnitId = g.Key, Id = g.Min(a => a.Id) }).ToDictionaryAsync(a => a.UnitId, a => a.Id);
            var anyone = await db.Users.AsNoTracking().Where(a => a.Role == Role.GridWorker).MinAsync(a => a.Id);
            var grids = new List<Grid>();
            foreach (var village in units.Where(u => u.Kind == UnitKind.Village).OrderBy(u => u.Code))
            {
                var prefix = string.Concat(village.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
                    .Select(code => byCode.GetValueOrDefault(code)).Where(u => u is not null && u.Kind != UnitKind.City).Select(u => u!.Name));
                var ordinal = 0;
                foreach (var grid in units.Where(u => u.Kind == UnitKind.Grid && u.ParentId == village.Id).OrderBy(u => u.Code))
                {
                    var point = grid.Outline is null ? null : Wkb.Read(grid.Outline).InteriorPoint;
                    grids.Add(new Grid(grid.Id, grid.Path, grid.PoliceDistrictId, village.Id, village.Code, prefix, ordinal++, point?.X ?? 0, point?.Y ?? 0,
                        workers.GetValueOrDefault(grid.Id, anyone), grid.PoliceDistrictId is { } d && officers.TryGetValue(d, out var o) ? o : null));
                }
            }
            var villages = units.Where(u => u.Kind == UnitKind.Village && grids.Any(g => g.VillageId == u.Id)).Select(u => (u.Id, u.Path)).ToList();
            return new RegisterGenerator(grids, villages, vault, residents, houses, organisations);
        });
    }

    // Where things are: house h in grid h % G, resident r in house r % H, organisation o in grid o % G.
    Grid GridOfHouse(long h) => grids[(int)(h % grids.Count)];

    public IReadOnlyList<long> ResidentsIn(string prefix, Random random, int count)
    {
        var picked = new List<long>();
        while (picked.Count < count)
        {
            var r = random.NextInt64(residents);
            if (GridOfHouse(r % houses).Path.StartsWith(prefix, StringComparison.Ordinal))
                picked.Add(r);
        }
        return picked;
    }

    public IReadOnlyList<int> VillagesIn(string prefix, Random random, int count)
    {
        var inside = villages.Where(v => v.AreaPath.StartsWith(prefix, StringComparison.Ordinal)).Select(v => v.Id).ToList();
        return Enumerable.Range(0, count).Select(_ => inside[random.Next(inside.Count)]).ToList();
    }

    /// <summary>A unique, valid ID number for person r: region, birth date and sequence all follow from r.</summary>
    public static string IdNumberOf(long r)
    {
        var q = r / Regions.Length;
        var birth = new DateOnly(1940, 1, 1).AddDays((int)(q / 1000 * 45));
        var first17 = $"{Regions[r % Regions.Length]}{birth:yyyyMMdd}{q % 1000:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    static string NameOf(long r) =>
        $"{Surnames[(int)(r * 31 % Surnames.Length)]}{Given[(int)(r * 17 % Given.Length)]}{(r % 3 == 0 ? "" : Given[(int)(r * 7 % Given.Length)].ToString())}";

    static string? PhoneOf(long r) => r % 10 < 7 ? $"1{3 + (r % 7)}{(r * 7919L + 12345) % 1_000_000_000:D9}" : null;

    public async Task WriteAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<PoliceGridDb>();
        DatabaseSetup.Configure(options, DatabaseSetup.Postgres, connectionString);
        await using var db = new PoliceGridDb(options.Options);
        string[] tables = ["standard_addresses", "houses", "organisations", "residents"];
        var rebuild = await DropIndexesAsync(connection, tables);

        await WriteChunksAsync(db, connection, houses + organisations, Address);
        await WriteChunksAsync(db, connection, houses, House);
        await WriteChunksAsync(db, connection, organisations, Organisation);
        await WriteChunksAsync(db, connection, residents, Resident);

        foreach (var statement in rebuild)
            await RegisterBench.Execute(connection, statement);
        foreach (var table in tables)
            await RegisterBench.Execute(connection, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))");
        await RegisterBench.Execute(connection, "ANALYZE");
    }

    /// <summary>Drops the tables' secondary indexes and foreign keys; returns the statements that put them back.</summary>
    static async Task<List<string>> DropIndexesAsync(NpgsqlConnection connection, string[] tables)
    {
        var drop = new List<string>();
        var create = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(@t)
            """, connection))
        {
            command.Parameters.AddWithValue("t", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drop.Add($"ALTER TABLE {reader.GetString(0)} DROP CONSTRAINT {reader.GetString(1)}");
                create.Add($"ALTER TABLE {reader.GetString(0)} ADD CONSTRAINT {reader.GetString(1)} {reader.GetString(2)}");
            }
        }
        var indexes = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(@t) AND indexname NOT LIKE 'pk_%'", connection))
        {
            command.Parameters.AddWithValue("t", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drop.Add($"DROP INDEX {reader.GetString(0)}");
                indexes.Add(reader.GetString(1));
            }
        }
        foreach (var statement in drop)
            await RegisterBench.Execute(connection, statement);
        await RegisterBench.Execute(connection, "SET maintenance_work_mem = '1GB'");
        return [.. indexes, .. create];
    }

    /// <summary>Builds the next chunk on all cores while the previous one is copied.</summary>
    static async Task WriteChunksAsync<T>(PoliceGridDb db, NpgsqlConnection connection, long count, Func<long, T> make) where T : class
    {
        Task<T[]> Build(long from) => Task.Run(() =>
        {
            var rows = new T[(int)Math.Min(Chunk, count - from)];
            Parallel.For(0, rows.Length, i => rows[i] = make(from + i));
            return rows;
        });
        var next = count > 0 ? Build(0) : null;
        for (long from = 0; next is not null; from += Chunk)
        {
            var rows = await next;
            next = from + Chunk < count ? Build(from + Chunk) : null;
            await BulkCopy.WriteAsync(db, connection, rows);
        }
    }

    StandardAddress Address(long a)
    {
        var house = a < houses;
        var index = house ? a : a - houses;
        var grid = grids[(int)(index % grids.Count)];
        var j = index / grids.Count;
        var road = Roads[grid.Ordinal % Roads.Length] + (grid.Ordinal >= Roads.Length ? (grid.Ordinal / Roads.Length + 1).ToString(CultureInfo.InvariantCulture) : "");
        var parts = house
            ? new AddressParts(road + "路", (j / 24 + 1).ToString(CultureInfo.InvariantCulture), null, (j / 8 % 3 + 1).ToString(CultureInfo.InvariantCulture),
                (j % 8 + 101).ToString(CultureInfo.InvariantCulture))
            : new AddressParts(road + "商业街", (j + 1).ToString(CultureInfo.InvariantCulture));
        parts = parts.Normalised();
        return new StandardAddress
        {
            Id = (int)a + 1, VillageId = grid.VillageId, GridId = grid.Id, PoliceDistrictId = grid.PoliceDistrictId, AreaPath = grid.Path,
            Road = parts.Road, DoorNumber = parts.DoorNumber, Building = parts.Building!, UnitNumber = parts.UnitNumber!, Room = parts.Room!,
            Canonical = grid.Prefix + parts.Display(), Key = parts.KeyIn(grid.VillageCode), Longitude = grid.Lon, Latitude = grid.Lat,
            CreatedById = grid.CollectorId, CreatedAt = DateTime.UtcNow,
        };
    }

    static void Place(RegisterRecord record, long addressIndex, Grid grid, long seed)
    {
        record.AddressId = (int)addressIndex + 1;
        record.GridId = grid.Id;
        record.PoliceDistrictId = grid.PoliceDistrictId;
        record.AreaPath = grid.Path;
        record.CollectedById = grid.CollectorId;
        record.CollectedAt = DateTime.UtcNow.AddDays(-(seed % 700));
        record.Version = 1;
        var verified = seed % 100 < 85 && grid.VerifierId is not null;
        record.Status = verified ? RecordStatus.Verified : RecordStatus.Pending;
        record.VerifiedById = verified ? grid.VerifierId : null;
        record.VerifiedAt = verified ? record.CollectedAt.AddDays(2) : null;
    }

    House House(long h)
    {
        var grid = GridOfHouse(h);
        var phone = PhoneOf(h * 13);
        var use = (h % 20) switch { < 14 => HouseUse.SelfOccupied, < 18 => HouseUse.Rented, 18 => HouseUse.Vacant, _ => HouseUse.Other };
        var house = new House
        {
            Id = (int)h + 1, OwnerName = NameOf(h * 13), Use = use,
            OwnerPhoneSealed = phone is null ? null : vault.Seal(SealedField.Phone, phone), OwnerPhoneHash = phone is null ? null : vault.LookupHash(SealedField.Phone, phone),
            OwnerPhoneMasked = phone is null ? null : PhoneNumber.Mask(phone),
            RentalRegistrationNumber = use == HouseUse.Rented ? $"CZ{h:D10}" : null, RentalRegisteredOn = use == HouseUse.Rented ? Today.AddDays(-(int)(h % 900)) : null,
        };
        Place(house, h, grid, h);
        return house;
    }

    Organisation Organisation(long o)
    {
        var grid = grids[(int)(o % grids.Count)];
        var category = (OrganisationCategory)(o % 10 + 1);
        var first17 = $"91{grid.VillageCode[..6]}{o:D9}";
        var phone = PhoneOf(o * 29) ?? $"13{o:D9}";
        var organisation = new Organisation
        {
            Id = (int)o + 1, Name = $"{Roads[(int)(o % Roads.Length)]}{Kinds[(int)(o % Kinds.Length)]}{o % 1000}号店", CreditCode = first17 + CreditCode.CheckCharacter(first17),
            Category = category, ResponsiblePerson = NameOf(o * 29),
            ResponsiblePhoneSealed = vault.Seal(SealedField.Phone, phone), ResponsiblePhoneHash = vault.LookupHash(SealedField.Phone, phone), ResponsiblePhoneMasked = PhoneNumber.Mask(phone),
        };
        Place(organisation, houses + o, grid, o);
        return organisation;
    }

    Resident Resident(long r)
    {
        var h = r % houses;
        var grid = GridOfHouse(h);
        var id = IdNumberOf(r);
        IdNumber.TryParse(id, Today, out var parsed, out _);
        var phone = PhoneOf(r);
        var type = (r % 200) switch { 0 => HouseholdType.Foreign, < 31 => HouseholdType.Floating, _ => HouseholdType.Registered };
        var since = parsed!.BirthDate.AddDays((int)(r % 9000));
        var resident = new Resident
        {
            Id = (int)r + 1, Name = NameOf(r), Sex = parsed.Sex, BirthDate = parsed.BirthDate, HouseholdType = type, HouseId = (int)h + 1,
            IdNumberSealed = vault.Seal(SealedField.IdNumber, id), IdNumberHash = vault.LookupHash(SealedField.IdNumber, id), IdNumberMasked = IdNumber.Mask(id),
            PhoneSealed = phone is null ? null : vault.Seal(SealedField.Phone, phone), PhoneHash = phone is null ? null : vault.LookupHash(SealedField.Phone, phone),
            PhoneMasked = phone is null ? null : PhoneNumber.Mask(phone),
            ResidentSince = since > Today ? Today : since,
            RegistrationNumber = type == HouseholdType.Floating ? $"豫D{r:D12}" : null,
            RegistrationExpires = type == HouseholdType.Floating ? Today.AddDays((int)(r % 1000) - 300) : null,
            Tags = SpecialGroups.Store(TagsOf(r, parsed.BirthDate)),
        };
        Place(resident, h, grid, r);
        return resident;
    }

    /// <summary>Roughly the shares a grid office sees: a few percent elderly alone or disabled, fractions of a percent for the rest.</summary>
    static IEnumerable<SpecialGroup> TagsOf(long r, DateOnly birth)
    {
        var x = r * 2654435761L % 10000;
        if (x < 300 && birth.Year < 1960)
            yield return SpecialGroup.ElderlyAlone;
        if (x is >= 300 and < 450)
            yield return SpecialGroup.Disabled;
        if (x is >= 450 and < 600 && birth.Year > 2008)
            yield return SpecialGroup.LeftBehindChild;
        if (x is >= 600 and < 610)
            yield return SpecialGroup.CommunityCorrection;
        if (x is >= 610 and < 625)
            yield return SpecialGroup.ReleasedPrisoner;
        if (x is >= 625 and < 630)
            yield return SpecialGroup.DrugRehabilitation;
        if (x is >= 630 and < 660)
            yield return SpecialGroup.SevereMentalDisorder;
        if (x is >= 660 and < 665)
            yield return SpecialGroup.KeyPetitioner;
        if (x is >= 665 and < 685 && birth.Year > 2000)
            yield return SpecialGroup.KeyYouth;
        if (x is >= 685 and < 690)
            yield return SpecialGroup.KeyPerson;
    }

    /// <summary>A grid worker's ledger of new people at new addresses in her grid; one row in 200 has a mistyped ID, one in 200 is already on record.</summary>
    public static (int Bad, int Known) WriteLedger(string file, int rows, long offset)
    {
        var (bad, known) = (0, 0);
        using var writer = new StreamWriter(file, false, new UTF8Encoding(true), 1 << 20);
        writer.Write("姓名,身份证号,性别,出生日期,联系电话,户籍类型,街路巷,门牌号,楼栋,单元,室,居住起始日期,居住登记编号,登记有效期至,人员标签\r\n");
        var line = new StringBuilder(200);
        for (long i = 0; i < rows; i++)
        {
            var r = offset + i;
            var id = IdNumberOf(r);
            if (i % 200 == 7)
            {
                id = id[..17] + (id[17] == '0' ? '1' : '0');
                bad++;
            }
            else if (i % 200 == 13)
            {
                id = IdNumberOf(i % offset);
                known++;
            }
            var floating = i % 7 == 0;
            var a = i / 3;
            var rest = a / Roads.Length;
            line.Clear()
                .Append(NameOf(r)).Append(',').Append(id).Append(",,,").Append(PhoneOf(r)).Append(',').Append(floating ? "流动" : "户籍").Append(',')
                .Append("新建").Append(Roads[a % Roads.Length]).Append("路,").Append(rest / 24 + 1).Append(",,").Append(rest / 8 % 3 + 1).Append(',').Append(rest % 8 + 101).Append(',')
                .Append("2020-01-01,").Append(floating ? $"豫D{r:D12}" : "").Append(',').Append(floating ? "2027-06-30" : "").Append(',')
                .Append(i % 50 == 0 ? "残疾人" : "").Append("\r\n");
            writer.Write(line);
        }
        return (bad, known);
    }
}
