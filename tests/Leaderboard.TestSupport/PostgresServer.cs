using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Leaderboard.TestSupport;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package, version 15 on Debian 12): a fresh cluster in a
/// temporary folder on a free loopback port. <see cref="Shared"/> is the test process's own, started on first use and
/// stopped when the process exits (its folder stays in the temporary folder); <see cref="Start"/> gives a test a server
/// of its own, which it may stop as a crash would, deleted on dispose.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> _shared = new(() =>
    {
        var server = Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    });

    private readonly Lock _create = new();
    private readonly HashSet<string> _created = [];
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asRoot;
    private bool _running = true;

    private PostgresServer(string bin, string folder, bool asRoot, int port)
    {
        _bin = bin;
        _folder = folder;
        _asRoot = asRoot;
        Port = port;
    }

    /// <summary>The server of this test process; each caller takes a database of its own from it.</summary>
    public static PostgresServer Shared => _shared.Value;

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A new server of the caller's own, stopped and deleted on dispose.</summary>
    public static PostgresServer Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (the tests start their own server).");
        }

        DeleteStoppedServers();

        // PostgreSQL refuses to run as root: as root, the server runs as the package's postgres user, in a folder it can enter.
        var folder = Directory.CreateTempSubdirectory("leaderboard-pg-").FullName;
        Run("chmod", $"755 {folder}");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres {folder}");
        }

        var server = new PostgresServer(bin, folder, asRoot, FreePort());
        server.RunServerTool("initdb", $"-D {server.DataFolder} -A trust -U postgres --no-locale -E UTF8 --no-sync");

        // Durability is not what the tests check: no fsync keeps a test run's thousands of commits fast. Each test class
        // has databases of its own, and a web test's portal holds a pool per database: room for many connections.
        server.RunServerTool("pg_ctl",
            $"-D {server.DataFolder} -l {Path.Combine(folder, "server.log")} -w start -o \"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\"");
        return server;
    }

    /// <summary>The connection string of database <paramref name="name"/>, created empty on first use.</summary>
    public string Database(string name)
    {
        // Small pools that drop idle connections within seconds: a test run opens hundreds of databases on one server.
        var builder = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = name, MaxPoolSize = 20, ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1 };
        lock (_create)
        {
            if (_created.Add(name))
            {
                using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                command.ExecuteNonQuery();
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>A database name for a key (e.g. a portal's data folder): the same key, the same database.</summary>
    public static string NameFor(string key) => "lb_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];

    /// <summary>Stops the server at once (as a crash or a lost network would), keeping its data.</summary>
    public void Stop()
    {
        if (_running)
        {
            _running = false;

            // This process's pooled connections to it are dead now.
            NpgsqlConnection.ClearAllPools();
            RunServerTool("pg_ctl", $"-D {DataFolder} -m immediate -w stop");
        }
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// The shared servers of earlier test runs were stopped at their process's exit, too late to delete their folders
    /// (gigabytes each): a folder with no running server (no postmaster.pid) that is over an hour old is removed here.
    /// The hour keeps a folder another test process has just made, before its server starts, out of reach.
    /// </summary>
    private static void DeleteStoppedServers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "leaderboard-pg-*"))
        {
            if (!File.Exists(Path.Combine(folder, "data", "postmaster.pid")) && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another test process is deleting it too.
                }
                catch (UnauthorizedAccessException)
                {
                    // Another user's server: theirs to remove.
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunServerTool(string tool, string arguments)
    {
        var program = Path.Combine(_bin, tool);
        if (_asRoot)
        {
            Run("runuser", $"-u postgres -- {program} {arguments}");
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output.Result}{error}");
        }
    }
}
