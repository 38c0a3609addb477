namespace PoliceGrid.Web.Events;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EventStatus>))]
public enum EventStatus
{
    Reported = 1,
    Accepted = 2,
    Dispatched = 3,
    InProgress = 4,
    Handled = 5,
    Returned = 6,
    Closed = 10,
    Merged = 11,
    Cancelled = 12,
}
