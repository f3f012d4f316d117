// Every StatusHub resource in one resource group: storage (tables, $web, deployment packages), the Flex
// Consumption function app with its system-assigned identity and roles, monitoring, and the admin key in Key Vault.

@description('Azure region of every resource.')
param location string

@description('Tags of every resource (azd-env-name).')
param tags object

@minLength(13)
@maxLength(13)
@description('Lower-case unique suffix of every resource name (a uniqueString).')
param resourceToken string

@secure()
@minLength(32)
@description('Bootstrap admin key of the API, written to Key Vault. At least 32 characters (the app refuses to start with a shorter one).')
param adminKey string

@description('Object id of the deploying user, or empty.')
param principalId string

@description('NCRONTAB schedule of the renderer (StatusHub:Render:Schedule).')
param renderSchedule string

@description('NCRONTAB schedule of subscription delivery (StatusHub:Delivery:Schedule).')
param deliverySchedule string

@description('Upper bound of Flex Consumption instances.')
param maximumInstanceCount int

@description('Memory of each Flex Consumption instance in MB.')
param instanceMemoryMB int

@description('Days Log Analytics keeps logs.')
param logRetentionInDays int

@description('Put Azure Front Door (Standard, billed monthly) in front of the static website, to send the site\'s security headers (frame-ancestors, nosniff, CORS); the raw web endpoint keeps working either way.')
param enableFrontDoor bool

var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // The static website endpoint serves $web anonymously; no container is ever public.
    allowBlobPublicAccess: false
    // Every client (host, app, deployment, the postprovision hook) authenticates with Microsoft Entra ID.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Public site files may be read by scripts of any origin (Statuspage widgets, the district's pages): a Blob service
// CORS rule for reads only. It applies to the blob endpoint; the static website endpoint does not apply CORS rules
// (Microsoft: CORS isn't supported with static website), so there the Front Door rule set below sends the header
// (SiteHeaders.All). The API's CORS is the app's own allow-list (StatusHub__Cors__AllowedOrigins), not this rule.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: ['*']
          allowedMethods: ['GET', 'HEAD', 'OPTIONS']
          allowedHeaders: ['*']
          exposedHeaders: ['ETag', 'Last-Modified', 'Content-Type', 'Cache-Control']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The static website's container, declared (the postprovision hook only switches the website on) so the app's role can
// be scoped to it.
resource webContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: '$web'
  properties: {
    publicAccess: 'None'
  }
}

// The Functions host's own containers (timer schedules and locks, host keys), declared so its role can be scoped to them.
resource hostContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for name in ['azure-webjobs-hosts', 'azure-webjobs-secrets']: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

// The render lease (render.lock) lives here; the app would create it on first use, declared so it is never public.
resource privateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'statushub-private'
  properties: {
    publicAccess: 'None'
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry only with Microsoft Entra ID (the app's identity, Monitoring Metrics Publisher).
    DisableLocalAuth: true
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: 'kv-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: keyVault
  name: 'statushub-admin-key'
  properties: {
    value: adminKey
    contentType: 'StatusHub bootstrap admin key'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No siteConfig.cors: the platform CORS cannot expose the ETag header the publisher console needs, so the app
    // answers CORS itself (StatusHub__Cors__AllowedOrigins below); platform CORS would take over the OPTIONS requests.
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// The host's own storage, and nothing else: Storage Blob Data Owner on the deployment package's container and on its
// timer and key containers, not on the account (the app's identity never reaches a container it does not write).
resource hostPackageOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deploymentContainer.id, functionApp.id, roles.storageBlobDataOwner)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource hostContainerOwners 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, index) in ['azure-webjobs-hosts', 'azure-webjobs-secrets']: {
    name: guid(hostContainers[index].id, functionApp.id, roles.storageBlobDataOwner)
    scope: hostContainers[index]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// The API's tables.
resource appTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The renderer's blobs: $web (the site) and the private container (the render lease), each its own assignment.
resource appWebContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(webContainer.id, functionApp.id, roles.storageBlobDataContributor)
  scope: webContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appPrivateContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(privateContainer.id, functionApp.id, roles.storageBlobDataContributor)
  scope: privateContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The deploying user: the site's blobs, with Entra ID (optional).
resource deployerBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(storage.id, principalId, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: principalId
  }
}

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Only the admin key secret, not the whole vault.
resource appAdminKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(adminKeySecret.id, functionApp.id, roles.keyVaultSecretsUser)
  scope: adminKeySecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Written after the role assignments so the host starts with its permissions in place.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storage.name
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    StatusHub__Storage__AccountUri: storage.properties.primaryEndpoints.blob
    StatusHub__Render__Schedule: renderSchedule
    StatusHub__Delivery__Schedule: deliverySchedule
    StatusHub__SiteBaseUrl: siteUrl
    StatusHub__AdminKey: '@Microsoft.KeyVault(SecretUri=${adminKeySecret.properties.secretUri})'
    // The publisher console at <site>/publish/ calls this app: its origin is the static website's (trailing '/' is ignored).
    StatusHub__Cors__AllowedOrigins__0: storage.properties.primaryEndpoints.web
    StatusHub__Cors__AllowedOrigins__1: siteUrl
    StatusHub__Console__ApiBaseUrl: 'https://${functionApp.properties.defaultHostName}'
    // Failed-auth limits count per client: the platform's front end appends the caller's address to X-Forwarded-For
    // (the last entry is the one it wrote; earlier entries are the client's own claims). Unverified on Flex: docs/deploy.md.
    StatusHub__Limits__ClientAddressHeader: 'X-Forwarded-For'
  }
  dependsOn: [
    hostPackageOwner
    hostContainerOwners
    appTableContributor
    appWebContributor
    appPrivateContributor
    appMetricsPublisher
    appAdminKeyReader
  ]
}

// No publishing with user names and passwords (FTP, and the SCM site's basic auth): azd deploys with Entra ID.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}


// ---- Front Door (optional): the static website cannot send response headers; Front Door sends the site's own
// (src/StatusHub.Core/Rendering/SiteHeaders.cs, compared with this template by InfraTests) in front of it.

var webHost = replace(replace(storage.properties.primaryEndpoints.web, 'https://', ''), '/', '')

// SiteHeaders.All, then the console's policy (ConsoleFiles.ContentSecurityPolicy + frame-ancestors) under /publish/.
var siteHeaders = [
  {
    name: 'Content-Security-Policy'
    value: 'frame-ancestors \'none\''
  }
  {
    name: 'X-Content-Type-Options'
    value: 'nosniff'
  }
  {
    name: 'Referrer-Policy'
    value: 'no-referrer'
  }
  {
    name: 'Access-Control-Allow-Origin'
    value: '*'
  }
  {
    name: 'Strict-Transport-Security'
    value: 'max-age=31536000'
  }
]
var consolePolicy = 'default-src \'none\'; script-src \'self\'; style-src \'self\'; connect-src \'self\' https://${functionApp.properties.defaultHostName}; img-src \'self\' data:; base-uri \'none\'; form-action \'none\'; frame-ancestors \'none\''

resource frontDoor 'Microsoft.Cdn/profiles@2024-09-01' = if (enableFrontDoor) {
  name: 'afd-${resourceToken}'
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource frontDoorEndpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoor
  name: 'site-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource frontDoorOrigins 'Microsoft.Cdn/profiles/originGroups@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoor
  name: 'static-website'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    healthProbeSettings: {
      probePath: '/'
      probeRequestType: 'HEAD'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 100
    }
  }
}

resource frontDoorOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoorOrigins
  name: 'web'
  properties: {
    hostName: webHost
    originHostHeader: webHost
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource frontDoorRules 'Microsoft.Cdn/profiles/ruleSets@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoor
  name: 'siteheaders'
}

resource siteHeadersRule 'Microsoft.Cdn/profiles/ruleSets/rules@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoorRules
  name: 'everyfile'
  properties: {
    order: 1
    conditions: []
    actions: [
      for header in siteHeaders: {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: header.name
          value: header.value
        }
      }
    ]
    matchProcessingBehavior: 'Continue'
  }
}

resource consoleHeadersRule 'Microsoft.Cdn/profiles/ruleSets/rules@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoorRules
  name: 'console'
  properties: {
    order: 2
    conditions: [
      {
        name: 'UrlPath'
        parameters: {
          typeName: 'DeliveryRuleUrlPathMatchConditionParameters'
          operator: 'BeginsWith'
          matchValues: [
            'publish/'
          ]
          negateCondition: false
          transforms: [
            'Lowercase'
          ]
        }
      }
    ]
    actions: [
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Content-Security-Policy'
          value: consolePolicy
        }
      }
    ]
    matchProcessingBehavior: 'Continue'
  }
}

resource frontDoorRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-09-01' = if (enableFrontDoor) {
  parent: frontDoorEndpoint
  name: 'site'
  properties: {
    originGroup: {
      id: frontDoorOrigins.id
    }
    ruleSets: [
      {
        id: frontDoorRules.id
      }
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    patternsToMatch: [
      '/*'
    ]
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    httpsRedirect: 'Enabled'
  }
  dependsOn: [
    frontDoorOrigin
    siteHeadersRule
    consoleHeadersRule
  ]
}

// Where citizens reach the site: Front Door's endpoint when it is on, else the static website endpoint.
var siteUrl = enableFrontDoor ? 'https://${frontDoorEndpoint!.properties.hostName}/' : storage.properties.primaryEndpoints.web

output apiUrl string = 'https://${functionApp.properties.defaultHostName}/api/v1'
output siteUrl string = siteUrl
output webEndpointUrl string = storage.properties.primaryEndpoints.web
output consoleUrl string = '${siteUrl}publish/'
output storageAccountName string = storage.name
output keyVaultName string = keyVault.name
output functionAppName string = functionApp.name
