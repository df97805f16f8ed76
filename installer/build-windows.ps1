# One command on a Windows machine with Python 3.11 and Inno Setup 6:
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
# Makes the build venv from requirements-windows.lock (made here with pip-tools on the first run:
# commit it), compiles the translations, builds dist\akimat-desk\ with PyInstaller, runs the
# bundle's --self-test and --smoke-test, then the installer dist\installer\akimat-desk-*-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Run([string]$exe, [string[]]$arguments) {
    Write-Host "==> $exe $($arguments -join ' ')"
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

$py = "py"
if (-not (Get-Command $py -ErrorAction SilentlyContinue)) { $py = "python" }
$pyArgs = @()
if ($py -eq "py") { $pyArgs = @("-3.11") }

if (-not (Test-Path requirements-windows.lock)) {
    Write-Host "==> no requirements-windows.lock: making it (commit the file afterwards)"
    Run $py ($pyArgs + @("-m", "venv", ".venv-lock"))
    Run ".venv-lock\Scripts\python.exe" @("-m", "pip", "install", "--quiet", "pip-tools")
    Run ".venv-lock\Scripts\pip-compile.exe" @("--quiet", "--generate-hashes", "--allow-unsafe",
        "--strip-extras", "--extra", "dist", "--no-emit-index-url", "-o",
        "requirements-windows.lock", "pyproject.toml")
}
if (Test-Path .venv-dist) { Remove-Item -Recurse -Force .venv-dist }
Run $py ($pyArgs + @("-m", "venv", ".venv-dist"))
Run ".venv-dist\Scripts\python.exe" @("-m", "pip", "install", "--quiet", "--require-hashes",
    "--no-deps", "-r", "requirements-windows.lock")
Run ".venv-dist\Scripts\pybabel.exe" @("compile", "--use-fuzzy", "-d", "translations", "-D", "messages")
Run ".venv-dist\Scripts\pyinstaller.exe" @("--noconfirm", "--clean", "build.spec")

$env:QT_QPA_PLATFORM = "offscreen"
Run "dist\akimat-desk\akimat-desk-cli.exe" @("--self-test")
Run "dist\akimat-desk\akimat-desk-cli.exe" @("--smoke-test")
Remove-Item Env:\QT_QPA_PLATFORM

$size = (Get-ChildItem -Recurse dist\akimat-desk | Measure-Object -Property Length -Sum).Sum
Write-Host ("==> bundle size: {0:N0} MB" -f ($size / 1MB))

$version = & ".venv-dist\Scripts\python.exe" -c "import sys; sys.path.insert(0, '.'); from tools import bundle_config as b; print(b.version())"
$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = "ISCC.exe" }
Run $iscc @("/DAppVersion=$version", "installer\akimat-desk.iss")
Get-ChildItem dist\installer
