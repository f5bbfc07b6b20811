<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>AffiliateTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <source>Followers</source>
        <translation>Seguidores</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>CampaignTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Presupuesto</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Gastado</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Socios</translation>
    </message>
</context>
<context>
    <name>CommissionTableModel</name>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Socio</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reservada</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation>Revertida</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
</context>
<context>
    <name>SagaSteps</name>
    <message>
        <source>Track</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Atribuir</translation>
    </message>
    <message>
        <source>Reserve commission</source>
        <translation>Reservar comisión</translation>
    </message>
    <message>
        <source>Reserve budget</source>
        <translation>Reservar presupuesto</translation>
    </message>
    <message>
        <source>Confirm commission</source>
        <translation>Confirmar comisión</translation>
    </message>
    <message>
        <source>Release budget</source>
        <translation>Liberar presupuesto</translation>
    </message>
    <message>
        <source>Revert commission</source>
        <translation>Revertir comisión</translation>
    </message>
    <message>
        <source>Revert attribution</source>
        <translation>Revertir atribución</translation>
    </message>
    <message>
        <source>Discard interactions</source>
        <translation>Descartar interacciones</translation>
    </message>
    <message>
        <source>Saga %1 · order %2 · %3</source>
        <translation>Saga %1 · pedido %2 · %3</translation>
    </message>
</context>
<context>
    <name>SagaTableModel</name>
    <message>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Socio</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendido</translation>
    </message>
    <message>
        <source>Affiliate</source>
        <translation>Afiliado</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Influencer</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Mixta</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>Clic</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Me gusta</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Compra</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registrada</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Descartada</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reservada</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation>Revertida</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <source>Attributed</source>
        <translation>Atribuida</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Unattributed</source>
        <translation>Sin atribuir</translation>
    </message>
    <message>
        <source>Compensating</source>
        <translation>Compensando</translation>
    </message>
    <message>
        <source>Compensated</source>
        <translation>Compensada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>Compensación</translation>
    </message>
</context>
<context>
    <name>alpes::console::BffClient</name>
    <message>
        <source>The server cannot be reached</source>
        <translation>No se puede contactar con el servidor</translation>
    </message>
</context>
<context>
    <name>alpes::console::BudgetGauge</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>alpes::console::CampaignDetailPanel</name>
    <message>
        <source>Select a campaign</source>
        <translation>Seleccione una campaña</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Presupuesto</translation>
    </message>
    <message>
        <source>Top partners</source>
        <translation>Mejores socios</translation>
    </message>
    <message>
        <source>Daily interactions</source>
        <translation>Interacciones diarias</translation>
    </message>
    <message>
        <source>Live (last 2 minutes)</source>
        <translation>En vivo (últimos 2 minutos)</translation>
    </message>
    <message>
        <source>Recent sagas</source>
        <translation>Sagas recientes</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 to %4 · brand %5</source>
        <translation>%1 · %2 · del %3 al %4 · marca %5</translation>
    </message>
    <message>
        <source>conversions: %1</source>
        <translation>conversiones: %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::CampaignDialog</name>
    <message>
        <source>Edit campaign</source>
        <translation>Editar campaña</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Influencer</translation>
    </message>
    <message>
        <source>Affiliate</source>
        <translation>Afiliado</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Mixta</translation>
    </message>
    <message>
        <source>Percent of the order</source>
        <translation>Porcentaje del pedido</translation>
    </message>
    <message>
        <source>Fixed per conversion</source>
        <translation>Fijo por conversión</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Presupuesto</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>Comisión</translation>
    </message>
    <message>
        <source>Attribution model</source>
        <translation>Modelo de atribución</translation>
    </message>
    <message>
        <source>Attribution window (days)</source>
        <translation>Ventana de atribución (días)</translation>
    </message>
    <message>
        <source>Hold period</source>
        <translation>Periodo de retención</translation>
    </message>
    <message>
        <source>Must be a three-letter ISO 4217 code</source>
        <translation>Debe ser un código ISO 4217 de tres letras</translation>
    </message>
</context>
<context>
    <name>alpes::console::CampaignsPage</name>
    <message>
        <source>New campaign…</source>
        <translation>Nueva campaña…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finalizar</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Cancelar campaña</translation>
    </message>
    <message>
        <source>Could not load campaigns: %1</source>
        <translation>No se pudieron cargar las campañas: %1</translation>
    </message>
    <message>
        <source>The campaign was not changed</source>
        <translation>La campaña no se modificó</translation>
    </message>
    <message>
        <source>Campaigns loaded: %1</source>
        <translation>Campañas cargadas: %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::CommissionsPage</name>
    <message>
        <source>Confirm selected</source>
        <translation>Confirmar selección</translation>
    </message>
    <message>
        <source>Could not load commissions: %1</source>
        <translation>No se pudieron cargar las comisiones: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reserved&lt;/b&gt; %1 &amp;nbsp;&amp;nbsp; &lt;b&gt;Confirmed&lt;/b&gt; %2 &amp;nbsp;&amp;nbsp; &lt;b&gt;Reverted&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Reservadas&lt;/b&gt; %1 &amp;nbsp;&amp;nbsp; &lt;b&gt;Confirmadas&lt;/b&gt; %2 &amp;nbsp;&amp;nbsp; &lt;b&gt;Revertidas&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>Nothing was confirmed</source>
        <translation>No se confirmó nada</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmadas</translation>
    </message>
    <message>
        <source>Commissions loaded: %1</source>
        <translation>Comisiones cargadas: %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::ConnectDialog</name>
    <message>
        <source>Connect to Alpes Partners</source>
        <translation>Conectar con Alpes Partners</translation>
    </message>
    <message>
        <source>Sign in to an Alpes Partners server, or try the console with simulated data.</source>
        <translation>Inicie sesión en un servidor de Alpes Partners o pruebe la consola con datos simulados.</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Demo mode (offline)</source>
        <translation>Modo demo (sin conexión)</translation>
    </message>
    <message>
        <source>The server URL must look like http://host:port</source>
        <translation>La URL del servidor debe tener la forma http://host:puerto</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
</context>
<context>
    <name>alpes::console::ConnectionBanner</name>
    <message>
        <source>Retry now</source>
        <translation>Reintentar ahora</translation>
    </message>
</context>
<context>
    <name>alpes::console::ConsoleApp</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Su sesión ha terminado. Inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>You signed out.</source>
        <translation>Ha cerrado la sesión.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Socios</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>Sagas</source>
        <translation>Sagas</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>Comisiones</translation>
    </message>
    <message>
        <source>Demo mode is not available in this build.</source>
        <translation>El modo demo no está disponible en esta compilación.</translation>
    </message>
    <message>
        <source>Starting demo mode…</source>
        <translation>Iniciando el modo demo…</translation>
    </message>
    <message>
        <source>Demo mode could not start: %1</source>
        <translation>No se pudo iniciar el modo demo: %1</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>The server cannot be reached. The data on screen is the last that arrived; reconnecting automatically…</source>
        <translation>No se puede contactar con el servidor. Los datos en pantalla son los últimos recibidos; reconectando automáticamente…</translation>
    </message>
</context>
<context>
    <name>alpes::console::DashboardPage</name>
    <message>
        <source>Interactions today</source>
        <translation>Interacciones hoy</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Attributed revenue</source>
        <translation>Ingresos atribuidos</translation>
    </message>
    <message>
        <source>Active campaigns</source>
        <translation>Campañas activas</translation>
    </message>
    <message>
        <source>Events per second</source>
        <translation>Eventos por segundo</translation>
    </message>
    <message>
        <source>Commissions by state</source>
        <translation>Comisiones por estado</translation>
    </message>
    <message>
        <source>Sagas by state</source>
        <translation>Sagas por estado</translation>
    </message>
    <message>
        <source>Interactions per second (last 5 minutes)</source>
        <translation>Interacciones por segundo (últimos 5 minutos)</translation>
    </message>
    <message>
        <source>Could not load the dashboard: %1</source>
        <translation>No se pudo cargar el panel: %1</translation>
    </message>
    <message>
        <source>Conversions today</source>
        <translation>Conversiones hoy</translation>
    </message>
    <message>
        <source>⚠ Partial data — %1</source>
        <translation>⚠ Datos parciales — %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::InteractionFeedModel</name>
    <message>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Socio</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>alpes::console::LivePage</name>
    <message>
        <source>Waiting for the stream…</source>
        <translation>Esperando el flujo en vivo…</translation>
    </message>
    <message>
        <source>Interactions per second: %1</source>
        <translation>Interacciones por segundo: %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::MainWindow</name>
    <message>
        <source>Alpes Partners</source>
        <translation>Alpes Partners</translation>
    </message>
    <message>
        <source>Alpes Partners — %1</source>
        <translation>Alpes Partners — %1</translation>
    </message>
    <message>
        <source>This page has no table to export</source>
        <translation>Esta página no tiene una tabla para exportar</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Export table as CSV…</source>
        <translation>&amp;Exportar tabla como CSV…</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The language changes at the next start</source>
        <translation>El idioma cambia en el próximo inicio</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>Exportado a %1 (filas: %2)</translation>
    </message>
</context>
<context>
    <name>alpes::console::PartnerDetailPanel</name>
    <message>
        <source>Select a partner</source>
        <translation>Seleccione un socio</translation>
    </message>
    <message>
        <source>Earnings reserved</source>
        <translation>Ganancias reservadas</translation>
    </message>
    <message>
        <source>Earnings confirmed</source>
        <translation>Ganancias confirmadas</translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation>Revertidas</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 followers · %4</source>
        <translation>%1 · %2 · %3 seguidores · %4</translation>
    </message>
    <message>
        <source>Suspended: %1</source>
        <translation>Suspendido: %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::PartnerDialog</name>
    <message>
        <source>Register partner</source>
        <translation>Registrar socio</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <source>Followers</source>
        <translation>Seguidores</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Id de usuario</translation>
    </message>
</context>
<context>
    <name>alpes::console::PartnersPage</name>
    <message>
        <source>Register partner…</source>
        <translation>Registrar socio…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Suspender…</translation>
    </message>
    <message>
        <source>Suspend partner</source>
        <translation>Suspender socio</translation>
    </message>
    <message>
        <source>Reason for the suspension:</source>
        <translation>Motivo de la suspensión:</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>Rehabilitar</translation>
    </message>
    <message>
        <source>Could not load partners: %1</source>
        <translation>No se pudieron cargar los socios: %1</translation>
    </message>
    <message>
        <source>The partner was not changed</source>
        <translation>El socio no se modificó</translation>
    </message>
    <message>
        <source>Partners loaded: %1</source>
        <translation>Socios cargados: %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::SagaTimelineView</name>
    <message>
        <source>Select a saga to see its timeline</source>
        <translation>Seleccione una saga para ver su cronología</translation>
    </message>
</context>
<context>
    <name>alpes::console::SagasPage</name>
    <message>
        <source>Click a step to see its payload</source>
        <translation>Haga clic en un paso para ver su contenido</translation>
    </message>
    <message>
        <source>Flag as fraud…</source>
        <translation>Marcar como fraude…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abortar</translation>
    </message>
    <message>
        <source>Could not load sagas: %1</source>
        <translation>No se pudieron cargar las sagas: %1</translation>
    </message>
    <message>
        <source>Could not load saga: %1</source>
        <translation>No se pudo cargar la saga: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>(no payload)</source>
        <translation>(sin contenido)</translation>
    </message>
    <message>
        <source>Flag as fraud</source>
        <translation>Marcar como fraude</translation>
    </message>
    <message>
        <source>Why is this conversion fraudulent?</source>
        <translation>¿Por qué es fraudulenta esta conversión?</translation>
    </message>
    <message>
        <source>The conversion was not flagged</source>
        <translation>La conversión no se marcó</translation>
    </message>
    <message>
        <source>Flagged as fraud: the compensation starts</source>
        <translation>Marcada como fraude: comienza la compensación</translation>
    </message>
    <message>
        <source>The saga was not changed</source>
        <translation>La saga no se modificó</translation>
    </message>
    <message>
        <source>Sagas loaded: %1</source>
        <translation>Sagas cargadas: %1</translation>
    </message>
    <message>
        <source>%1 (%2) — %3, attempts: %4</source>
        <translation>%1 (%2) — %3, intentos: %4</translation>
    </message>
</context>
<context>
    <name>alpes::console::StatusPanel</name>
    <message>
        <source>No update yet</source>
        <translation>Sin actualizaciones aún</translation>
    </message>
    <message>
        <source>%1 events/s</source>
        <translation>%1 eventos/s</translation>
    </message>
    <message>
        <source>Last update %1</source>
        <translation>Última actualización %1</translation>
    </message>
</context>
<context>
    <name>alpes::console::TablePanel</name>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtrar (Ctrl+F)</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
</context>
</TS>