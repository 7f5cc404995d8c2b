# ---------------------------------------------------------------- allow-list (shared/machine-allow-list.json)

# $script:AllowListJson is the allow-list file's text, embedded by the build (interpreter-build.ts), so the
# module's SHA-256 covers it and nothing on disk can widen it. The simulated machine reads the same file.
$script:AllowList = ConvertFrom-BatchJson $script:AllowListJson
$script:AllowedRegistryRoots = [string[]]$script:AllowList['registryKeys']
$script:ReadOnlyRegistryRoots = [string[]]$script:AllowList['readOnlyRegistryKeys']
$script:CertificateStores = [string[]]$script:AllowList['certificateStores']
$script:ServiceNames = [string[]]$script:AllowList['services']
$script:EventChannels = [string[]]$script:AllowList['eventChannels']
$script:FileFolders = [string[]]$script:AllowList['fileFolders']
$script:CredentialTargetPrefix = [string]$script:AllowList['credentialTargetPrefix']
