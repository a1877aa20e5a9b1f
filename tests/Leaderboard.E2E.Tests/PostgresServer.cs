using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Leaderboard.E2E.Tests;

/// <summary>
/// A real PostgreSQL 15 server (Debian's postgresql package) of the test's own: a fresh cluster in a temporary
/// folder on a free loopback port, run as the postgres user (it refuses root), stopped and deleted on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "leaderboard-pg-" + Guid.NewGuid().ToString("N")[..8]);

    private bool _running = true;

    private PostgresServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The connection string of a database on this server.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    public static async Task<PostgresServer> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = new PostgresServer(((IPEndPoint)listener.LocalEndpoint).Port);
        listener.Stop();

        // The cluster's folder belongs to the postgres user, which made it.
        await RunAsPostgresAsync($"mkdir -m 700 {server._root}");
        await RunAsPostgresAsync($"{BinDirectory}/initdb -D {server._root}/data -A trust -U postgres --no-sync >/dev/null");
        await RunAsPostgresAsync($"{BinDirectory}/pg_ctl -D {server._root}/data -l {server._root}/log -w -o \"-p {server.Port} -k {server._root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null");
        return server;
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server at once (as a crash or a lost network would), keeping its data.</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            _running = false;
            NpgsqlConnection.ClearAllPools();
            await RunAsPostgresAsync($"{BinDirectory}/pg_ctl -D {_root}/data -m immediate -w stop >/dev/null");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static async Task RunAsPostgresAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("su", ["postgres", "-s", "/bin/sh", "-c", command]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` failed ({process.ExitCode}): {error}");
        }
    }
}
