namespace PoliceGrid.Web.Events.Pages;

/// <summary>Turns uploaded form files into the photos the use cases take (same checks as the API).</summary>
public static class EventForms
{
    public static async Task<IReadOnlyList<ReportEvent.Photo>> PhotosAsync(HttpContext? http, string field = "photos")
    {
        if (http is null || !http.Request.HasFormContentType)
            return [];
        var photos = new List<ReportEvent.Photo>();
        foreach (var file in http.Request.Form.Files.GetFiles(field).Where(f => f.Length > 0))
        {
            if (file.Length > ReportEvent.MaxPhotoBytes)
            {
                photos.Add(new ReportEvent.Photo(file.FileName, file.ContentType, ""));
                continue;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            photos.Add(new ReportEvent.Photo(file.FileName, file.ContentType, Convert.ToBase64String(buffer.ToArray())));
        }
        return photos;
    }
}
