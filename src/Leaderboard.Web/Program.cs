using Leaderboard.Web.Services;

var builder = WebApplication.CreateBuilder(args);
builder.AddLeaderboardPortal();
var app = builder.Build();
await app.InitialisePortalAsync();
app.UseLeaderboardPortal();
await app.RunAsync();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
