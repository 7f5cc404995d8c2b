/**
 * Windows PowerShell 5.1 by absolute path, so nothing on PATH (or in a same-user environment variable) stands
 * in for it. One constant for every place that starts it.
 */
export const WINDOWS_POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
