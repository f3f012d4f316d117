targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Azure region of every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@secure()
@minLength(32)
@description('Bootstrap admin key of the API (StatusHub:AdminKey), stored only in Key Vault. At least 32 characters, e.g. openssl rand -hex 32.')
param adminKey string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID): gets Storage Blob Data Contributor to inspect or repair the site with Microsoft Entra ID, as shared keys are off. Empty for none.')
param principalId string = ''

@description('Name of the resource group; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('When the renderer runs: NCRONTAB with seconds (StatusHub:Render:Schedule). The default renders every minute.')
param renderSchedule string = '0 */1 * * * *'

@description('When subscriptions are delivered: NCRONTAB with seconds (StatusHub:Delivery:Schedule). The default looks every 10 seconds.')
param deliverySchedule string = '*/10 * * * * *'

@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances: also an upper bound on the cost of a traffic spike.')
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance in MB; billing is per GB-second of this size.')
param instanceMemoryMB int = 2048

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs (30 days are included in the ingestion price).')
param logRetentionInDays int = 30

@description('Put Azure Front Door (Standard, a monthly base fee) in front of the static website so the site sends its security headers (frame-ancestors, nosniff, CORS). Off: the static website endpoint alone, without those headers.')
param enableFrontDoor bool = false

var tags = {
  'azd-env-name': environmentName
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module hub 'statushub.bicep' = {
  name: 'statushub'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    adminKey: adminKey
    principalId: principalId
    renderSchedule: renderSchedule
    deliverySchedule: deliverySchedule
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    logRetentionInDays: logRetentionInDays
    enableFrontDoor: enableFrontDoor
  }
}

@description('Base URL of the HTTP API, e.g. https://func-….azurewebsites.net/api/v1.')
output API_URL string = hub.outputs.apiUrl

@description('The citizen site: Front Door\'s endpoint when enableFrontDoor, else the static website endpoint of the storage account.')
output SITE_URL string = hub.outputs.siteUrl

@description('The static website endpoint of the storage account (works with and without Front Door).')
output WEB_ENDPOINT_URL string = hub.outputs.webEndpointUrl

@description('The publisher console for town staff (written into $web/publish/ by the first render).')
output CONSOLE_URL string = hub.outputs.consoleUrl

@description('Storage account holding the tables and the $web container; the postprovision hook enables its static website.')
output STATUSHUB_STORAGE_ACCOUNT_NAME string = hub.outputs.storageAccountName

@description('Key Vault holding the admin key (secret statushub-admin-key).')
output STATUSHUB_KEY_VAULT_NAME string = hub.outputs.keyVaultName

output AZURE_FUNCTION_APP_NAME string = hub.outputs.functionAppName
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
