using Leaderboard.Baselines.Clap;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

public class WavDecoderTests
{
    private static MonoAudio Decode(byte[] file) => WavDecoder.Decode(new MemoryStream(file));

    [Theory]
    [InlineData(WavEncoding.Pcm8, 1.0 / 128)]
    [InlineData(WavEncoding.Pcm16, 1.0 / 32768)]
    [InlineData(WavEncoding.Pcm24, 1.0 / 8388608)]
    [InlineData(WavEncoding.Pcm32, 1e-7)]
    [InlineData(WavEncoding.IeeeFloat32, 1e-7)]
    [InlineData(WavEncoding.IeeeFloat64, 1e-7)]
    public void Decode_EachEncoding_SamplesWithinOneQuantisationStep(WavEncoding encoding, double step)
    {
        var tone = TestWav.Sine(440, 0.8, 16_000, 0.25);

        var audio = Decode(TestWav.Build(encoding, 16_000, [tone]));

        Assert.Equal(16_000, audio.SampleRate);
        Assert.Equal(tone.Length, audio.Samples.Length);
        Assert.All(Enumerable.Range(0, tone.Length), i => Assert.InRange(audio.Samples[i] - tone[i], -step, step));
    }

    [Fact]
    public void Decode_Stereo_AveragedToMono()
    {
        var left = TestWav.Sine(440, 0.5, 8_000, 0.1);
        var right = left.Select(v => -v / 2).ToArray();

        var audio = Decode(TestWav.Build(WavEncoding.IeeeFloat32, 8_000, [left, right]));

        Assert.All(Enumerable.Range(0, left.Length), i => Assert.Equal((left[i] + right[i]) / 2, audio.Samples[i], 1e-6));
    }

    [Theory]
    [InlineData(WavEncoding.Pcm24)]
    [InlineData(WavEncoding.IeeeFloat32)]
    public void Decode_ExtensibleFormatAfterOddSizedListChunk_ReadsTheData(WavEncoding encoding)
    {
        var tone = TestWav.Sine(1000, 0.5, 44_100, 0.1);

        var audio = Decode(TestWav.Build(encoding, 44_100, [tone, tone], extensible: true, listChunk: true));

        Assert.Equal(44_100, audio.SampleRate);
        Assert.Equal(tone[10], audio.Samples[10], 1e-6);
    }

    [Fact]
    public void Decode_MaxSeconds_StopsThere()
    {
        var audio = WavDecoder.Decode(new MemoryStream(TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 2)])), maxSeconds: 0.5);

        Assert.Equal(4_000, audio.Samples.Length);
    }

    [Fact]
    public void Decode_DataSizeBeyondTheEnd_ReadsWhatIsThere()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), uint.MaxValue);

        Assert.Equal(800, Decode(file).Samples.Length);
    }

    [Fact]
    public void Decode_UnseekableStreamWithStreamingDataSize_ReadsToTheEnd()
    {
        // A recorder that streams writes 0xFFFFFFFF as the data size; a gzip stream cannot seek.
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.3)]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), uint.MaxValue);
        using var unseekable = Unseekable(file);

        Assert.Equal(2_400, WavDecoder.Decode(unseekable).Samples.Length);
    }

    [Fact]
    public void Decode_UnseekableTinyFileClaimingFourGigabytes_AllocatesForWhatItReads()
    {
        // Found by fuzzing (tests/Leaderboard.Fuzz, target wav): 60 bytes made the decoder allocate 4 MiB up front.
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [new double[8]]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), uint.MaxValue);
        using var unseekable = Unseekable(file);

        var allocated = AllocatedBy(() => Assert.Equal(8, WavDecoder.Decode(unseekable).Samples.Length));

        Assert.InRange(allocated, 0, 512 * 1024);
    }

    [Fact]
    public void Decode_WidestPossibleFrame_AllocatesForWhatItReads()
    {
        // 8,191 channels of 64-bit float: a frame of 65,528 bytes, and the decoder read 4,096 of them at a time (256 MiB).
        var file = TestWav.Build(WavEncoding.IeeeFloat64, 8_000, [.. Enumerable.Range(0, 8_191).Select(_ => new double[1])]);

        var allocated = AllocatedBy(() => Assert.Single(Decode(file).Samples));

        Assert.InRange(allocated, 0, 512 * 1024);
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static System.IO.Compression.GZipStream Unseekable(byte[] file)
    {
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(file);
        }

        compressed.Position = 0;
        return new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
    }

    [Fact]
    public void Decode_NotRiff_SaysSo()
    {
        var error = Assert.Throws<WavFormatException>(() => Decode("ID3\x03 this is an mp3 file, really"u8.ToArray()));

        Assert.Equal("not a RIFF/WAVE file.", error.Message);
    }

    [Fact]
    public void Decode_TooShort_SaysSo()
    {
        var error = Assert.Throws<WavFormatException>(() => Decode("RIFF"u8.ToArray()));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnsupportedEncoding_NamesItAndWhatIsSupported()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);
        file[20] = 2; // ADPCM

        var error = Assert.Throws<WavFormatException>(() => Decode(file));

        Assert.Contains("format code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("PCM 8/16/24/32-bit and IEEE float 32/64-bit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_InconsistentBlockAlign_SaysSo()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);
        file[32] = 7;

        Assert.Contains("inconsistent fmt chunk", Assert.Throws<WavFormatException>(() => Decode(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoDataChunk_SaysSo()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);

        Assert.Equal("no data chunk.", Assert.Throws<WavFormatException>(() => Decode(file[..36])).Message);
    }

    [Fact]
    public void Read_BadFile_MessageNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"), "broken.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not audio at all");

        Assert.Equal("broken.wav: not a RIFF/WAVE file.", Assert.Throws<WavFormatException>(() => WavDecoder.Read(path)).Message);
    }
}
