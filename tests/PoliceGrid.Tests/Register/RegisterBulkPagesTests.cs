using System.Net;
using System.Text.RegularExpressions;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Register;

/// <summary>The import and export pages post the same use cases the API runs; the browser-free way to check the forms.</summary>
public partial class RegisterBulkPagesTests
{
    [Fact]
    public async Task AGridWorkerImportsTheSampleLedgerAndRequestsAnExportThroughThePages()
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(DatabaseSetup.Sqlite);
        var worker = await app.SignInAsync("gridworker1");

        var page = await worker.GetStringAsync("/register/import");
        Assert.Contains("导入人口台账", page, StringComparison.Ordinal);
        var sample = await worker.GetByteArrayAsync(SampleLink().Match(page).Groups[1].Value);
        using (var form = Form(page, "ledger"))
        {
            form.Add(new ByteArrayContent(sample), "ledger", "resident-ledger.csv");
            var result = await worker.PostAsync("/register/import", form);
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
            var html = await result.Content.ReadAsStringAsync();
            Assert.Contains("data-test=\"stored\">3<", html, StringComparison.Ordinal);
            Assert.Contains("data-test=\"rejected\">0<", html, StringComparison.Ordinal);
        }

        var exports = await worker.GetStringAsync("/register/exports");
        using (var form = Form(exports, "request"))
        {
            form.Add(new StringContent(""), "Filters.Q");
            var result = await worker.PostAsync("/register/exports", form);
            var html = await result.Content.ReadAsStringAsync();
            Assert.Contains("导出已就绪", html, StringComparison.Ordinal);
            var link = DownloadLink().Match(html);
            Assert.True(link.Success, html);
            var file = await worker.GetAsync(link.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("stationhead")).GetAsync("/register/exports")).StatusCode);
    }

    /// <summary>A post of the named form on a server-rendered page: its handler name and antiforgery token.</summary>
    static MultipartFormDataContent Form(string page, string handler)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(handler), "_handler" },
            { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" },
        };
        return form;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"(/samples/[^\"]+\\.csv)\"")]
    private static partial Regex SampleLink();

    [GeneratedRegex("href=\"(/api/register/exports/\\d+/file)\"")]
    private static partial Regex DownloadLink();
}
