using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.Tests.Register;

/// <summary>What the import and export tests share: valid ID numbers, ledgers as files, uploads.</summary>
internal static class RegisterBulkTesting
{
    public const string ResidentLedgerHeader = "姓名,身份证号,性别,出生日期,联系电话,户籍类型,街路巷,门牌号,楼栋,单元,室,居住起始日期,居住登记编号,登记有效期至,人员标签,网格编码";

    /// <summary>An ID number with its GB 11643 check character, in Pingdingshan 新华区.</summary>
    public static string Id(string birth, int sequence)
    {
        var first17 = $"410402{birth}{sequence:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    public static byte[] Csv(params string[] lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await client.PostAsync("/api/register/import", form);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<string> GridCodeOfAsync(ProductApp app, string userName) =>
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == userName)
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => u.Code).SingleAsync());

    public static async Task<int> CountAsync<T>(ProductApp app) where T : class =>
        await app.WithDbAsync(db => db.Set<T>().CountAsync());
}
