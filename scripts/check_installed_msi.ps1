# Install the MSI silently, check the installed app as an IT department would, upgrade it,
# uninstall it. Run as an administrator on Windows (the pipeline's windows-latest runner):
#
#   pwsh scripts/check_installed_msi.ps1 -Msi dist\tfbb-katalog-0.1.0-windows-amd64.msi `
#        -Rebuilt dist\rebuilt.msi -Logs logs
#
# The steps follow scripts/build.py's smoke test (--version, --self-check, publish keygen and
# build, import --yes, status, the refusal of an untrusted export), run on the installed copy in
# C:\Program Files\TFBB Katalog with temporary data folders. The publisher key is trusted through
# the registry policy key (HKLM\Software\Policies\TFBB\Katalog), as Group Policy would set it.
param(
    [Parameter(Mandatory)] [string] $Msi,
    [Parameter(Mandatory)] [string] $Rebuilt,  # the same version built again: a new ProductCode
    [Parameter(Mandatory)] [string] $Logs
)
$ErrorActionPreference = "Stop"
$Msi = (Resolve-Path $Msi).Path
$Rebuilt = (Resolve-Path $Rebuilt).Path
New-Item -ItemType Directory -Force $Logs | Out-Null
$Logs = (Resolve-Path $Logs).Path
$InstallDir = Join-Path $env:ProgramFiles "TFBB Katalog"
$Cli = Join-Path $InstallDir "tfbb-katalog-cli.exe"
$Shortcut = Join-Path $env:ProgramData "Microsoft\Windows\Start Menu\Programs\TFBB Katalog.lnk"
$PolicyKey = "HKLM:\Software\Policies\TFBB\Katalog"
$UpgradeCode = "{9546B66D-9296-4DEA-8108-57D51A563F60}"
$Temp = Join-Path $env:RUNNER_TEMP "tfbb-msi-check"
if (-not $env:RUNNER_TEMP) { $Temp = Join-Path $env:TEMP "tfbb-msi-check" }
Remove-Item -Recurse -Force $Temp -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $Temp | Out-Null
$env:QT_QPA_PLATFORM = "offscreen"
$env:TFBB_LANG = "sv"
$env:TFBB_MACHINE_CONFIG = Join-Path $Temp "no-config.json"  # only the registry policy counts

function Invoke-Msiexec([string[]] $Arguments, [string] $Log, [int[]] $Ok = @(0)) {
    $all = $Arguments + @("/qn", "/norestart", "/l*v", "`"$Log`"")
    Write-Host "msiexec $($all -join ' ')"
    $p = Start-Process msiexec.exe -ArgumentList $all -Wait -PassThru
    if ($Ok -notcontains $p.ExitCode) { throw "msiexec exit code $($p.ExitCode), see $Log" }
}

function Invoke-App([int] $Expect, [string[]] $Arguments) {
    Write-Host "tfbb-katalog-cli.exe $($Arguments -join ' ')"
    $ErrorActionPreference = "Continue"  # messages on stderr are output here, not errors
    $out = & $Cli @Arguments 2>&1 | Out-String
    Write-Host $out
    if ($LASTEXITCODE -ne $Expect) { throw "exit code $LASTEXITCODE, expected $Expect" }
    return $out
}

function Get-UninstallEntries {
    Get-ItemProperty "HKLM:\Software\Microsoft\Windows\CurrentVersion\Uninstall\*" |
        Where-Object { $_.DisplayName -eq "TFBB Katalog" }
}

# --- Silent install ------------------------------------------------------------------------------
Invoke-Msiexec @("/i", "`"$Msi`"") (Join-Path $Logs "install.log")
foreach ($path in @((Join-Path $InstallDir "tfbb-katalog.exe"), $Cli, $Shortcut)) {
    if (-not (Test-Path $path)) { throw "missing after install: $path" }
}
$entries = @(Get-UninstallEntries)
if ($entries.Count -ne 1) { throw "expected one Add/Remove Programs entry, found $($entries.Count)" }
$entry = $entries[0]
Write-Host "Installed: $($entry.PSChildName) version $($entry.DisplayVersion) by $($entry.Publisher)"
if (-not $entry.URLInfoAbout -or -not $entry.Contact) { throw "no contact or URL in the entry" }
$fileVersion = (Get-Item $Cli).VersionInfo.ProductVersion
Write-Host "tfbb-katalog-cli.exe file version: $fileVersion"

# --- The installed app ---------------------------------------------------------------------------
$version = Invoke-App 0 @("--version")
if ($version -notmatch [regex]::Escape($entry.DisplayVersion)) { throw "--version: $version" }
$out = Invoke-App 0 @("--data-dir", (Join-Path $Temp "data-check"), "--self-check")
if ($out -notmatch "Självtest OK") { throw "--self-check: $out" }

$data = Join-Path $Temp "data"
$bundled = Join-Path $InstallDir "_internal\resources\catalogue\tfbb-sormland.zip"
Invoke-App 0 @("--data-dir", $data, "import", $bundled, "--yes") | Out-Null
$keys = Join-Path $Temp "keys"
$export = Join-Path $Temp "tfbb-export-v2.zip"
Invoke-App 0 @("publish", "keygen", "--out", $keys) | Out-Null
Invoke-App 0 @("publish", "build", "catalogue-source\sormland.json", "--dataset-version", "2",
               "--key", (Join-Path $keys "publisher.pem"), "--out", $export) | Out-Null
# Not trusted yet: refused, nothing changed.
Invoke-App 1 @("--data-dir", $data, "import", $export, "--yes") | Out-Null
# Trusted through the registry policy, as the ADMX template writes it.
$publicKey = (Get-Content (Join-Path $keys "publisher.pub") -Raw).Trim()
New-Item -Path $PolicyKey -Force | Out-Null
New-ItemProperty -Path $PolicyKey -Name "TrustedKeys" -PropertyType MultiString `
    -Value @($publicKey) -Force | Out-Null
try {
    Invoke-App 0 @("--data-dir", $data, "import", $export, "--yes") | Out-Null
    $status = Invoke-App 0 @("--data-dir", $data, "status")
    if ($status -notmatch "Katalogversion: 2") { throw "status after the import: $status" }
    # A wrong type under the policy key is reported, not ignored.
    New-ItemProperty -Path $PolicyKey -Name "MaxVersionStep" -PropertyType String -Value "x" `
        -Force | Out-Null
    $out = Invoke-App 4 @("--data-dir", $data, "import", $export, "--yes")
    if ($out -notmatch "MaxVersionStep") { throw "a bad policy value was not named: $out" }
} finally {
    Remove-Item -Path "HKLM:\Software\Policies\TFBB" -Recurse -Force
}

# --- Upgrade: the same version built again replaces the installed one ----------------------------
Invoke-Msiexec @("/i", "`"$Rebuilt`"") (Join-Path $Logs "upgrade.log") @(0, 3010)
$after = @(Get-UninstallEntries)
if ($after.Count -ne 1) { throw "after the upgrade: $($after.Count) Add/Remove Programs entries" }
if ($after[0].PSChildName -eq $entry.PSChildName) { throw "the upgrade kept the old ProductCode" }
Invoke-App 0 @("--version") | Out-Null

# --- Uninstall -----------------------------------------------------------------------------------
Invoke-Msiexec @("/x", "`"$Rebuilt`"") (Join-Path $Logs "uninstall.log")
if (Test-Path $InstallDir) { throw "still there after uninstall: $InstallDir" }
if (Test-Path $Shortcut) { throw "still there after uninstall: $Shortcut" }
if (@(Get-UninstallEntries).Count -ne 0) { throw "Add/Remove Programs entry left after uninstall" }
Write-Host "MSI check OK (UpgradeCode $UpgradeCode)"
